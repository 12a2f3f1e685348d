/**
 * The one renderer of a reform item's rich text (取組内容, 取組効果, 備考: paragraphs, 【】 headings, lists, tables,
 * images), shared by the app's item page, the document's item sheets and the static site. Only how an image is
 * found differs: the caller says where its bytes are (a URL, a data: URI) or that it is not shown.
 */
import type { Block } from "../../domain/reform.js";

/** A block as stored (domain/reform.ts) or as published (publication-policy.ts: an image may lose its attachment). */
export type RichBlock = Exclude<Block, { type: "image" }> | { type: "image"; alt: string; attachmentId?: number };

export interface RichBlocksProps {
  blocks: readonly RichBlock[];
  /** Where an image's bytes are (URL or data: URI); undefined: the image is shown as a labelled placeholder. */
  imageSrc?: (attachmentId: number) => string | undefined;
  /** What the placeholder of an image without bytes says (default 「画像は未登録です」). */
  missingImage?: string;
  /** Class of a table block ("block-table" plus this). */
  tableClass?: string;
}

export function RichBlocks(props: RichBlocksProps) {
  const missing = props.missingImage ?? "画像は未登録です";
  return (
    <>
      {props.blocks.map((b) => {
        switch (b.type) {
          case "paragraph":
            return <p>{b.text}</p>;
          case "heading":
            return (
              <p class="block-heading">
                <strong>{b.text}</strong>
              </p>
            );
          case "list":
            return (
              <ul class="bullets">
                {b.items.map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
            );
          case "table": {
            const hasHeader = b.header.some((h) => h !== "");
            return (
              <table class={props.tableClass ? `${props.tableClass} block-table` : "block-table"}>
                {hasHeader ? (
                  <thead>
                    <tr>
                      {b.header.map((h) => (h === "" ? <td></td> : <th scope="col">{h}</th>))}
                    </tr>
                  </thead>
                ) : null}
                <tbody>
                  {b.rows.map((r) => (
                    <tr>
                      {r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td>{c}</td>))}
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          }
          case "image": {
            const src = b.attachmentId === undefined ? undefined : props.imageSrc?.(b.attachmentId);
            return (
              <figure class="block-image">
                {src ? (
                  <img src={src} alt={b.alt} />
                ) : (
                  <div class="placeholder" role="img" aria-label={`${b.alt || "画像"}(${missing})`}>
                    {missing}
                  </div>
                )}
                {b.alt ? <figcaption>{b.alt}</figcaption> : null}
              </figure>
            );
          }
        }
      })}
    </>
  );
}
