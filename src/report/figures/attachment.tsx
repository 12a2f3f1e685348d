/**
 * 図表1 / 図表2: images the secretariat uploads per edition (PPP/PFI 概念図, DX推進体制). Without an upload the
 * figure keeps its place and number and shows a labelled placeholder, so the numbering never depends on uploads.
 */
import { figureLabel } from "./common.js";

/** Where the secretariat uploads a 図表1・2 image (shown in the preview's placeholder only). */
export const ATTACHMENT_UPLOAD_HINT = "公表 → 基本方針 で画像(PNG・JPEG)を登録すると、ここに掲載されます。";

export interface AttachmentFigureData {
  caption: string;
  /** 出典 printed after the caption (※出典：内閣府…). */
  source?: string;
  /** Text alternative of the image (required when an image is given). */
  alt: string;
  /** A data: URI, so the document stays self-contained (PDF, static site). */
  dataUri?: string | null;
}

/**
 * `hint`: the placeholder also says where in the app the image is uploaded — only in the app's own preview, never in
 * what is published (the PDF, `report`'s HTML, the site), whose readers cannot act on it.
 */
export function AttachmentFigure(props: { number: number; data: AttachmentFigureData; id: string; hint?: boolean }) {
  const d = props.data;
  const captionId = `${props.id}-caption`;
  return (
    <figure class="figure image-figure" id={props.id} aria-labelledby={captionId}>
      {d.dataUri ? (
        <img src={d.dataUri} alt={d.alt} />
      ) : (
        <div class="placeholder" role="img" aria-label={`${d.caption}(画像は未登録)`}>
          <p>図の画像は未登録です</p>
          {props.hint ? <p class="hint">{ATTACHMENT_UPLOAD_HINT}</p> : null}
        </div>
      )}
      <figcaption id={captionId} class="figure-caption">
        <span class="figure-label">{figureLabel(props.number)}</span> {d.caption}
        {d.source ? ` (${d.source})` : ""}
      </figcaption>
    </figure>
  );
}
