/**
 * Everything that goes out for one edition — the public dataset (static site, open data), the whole document (its
 * HTML and PDF: narrative texts, 図表1・2 images, item attachments and every figure) and the license line — and its
 * fingerprint, which is what headquarters approves (domain/publication.ts). One definition: a change to anything
 * published changes the fingerprint, so the edition reads 公表後に変更あり until approved again.
 */
import { createHash } from "node:crypto";
import { formatCharacterIn } from "../domain/input-limits.js";
import { FINGERPRINT_DEFINITION } from "../domain/publication.js";
import type { PolicyDocument } from "../report/document/model.js";
import { loadPolicyDocument, type LoadPolicyDocumentDb } from "./policy-document.js";
import { loadPublicDataset, type PublishingMunicipality, type LoadPublicDatasetDb } from "./public-dataset.js";
import { publicationLicense } from "./publication-license.js";
import type { PublicDataset } from "./publication-policy.js";

/** What one edition publishes: the site and open data are built from `dataset`, the document (HTML, PDF) from `document`. */
export interface PublishedContent {
  dataset: PublicDataset;
  document: PolicyDocument;
  license: string;
}

/** What loadPublishedContent reads and writes of the municipality's repositories (a type error to reach another). */
export type LoadPublishedContentDb = LoadPolicyDocumentDb & LoadPublicDatasetDb;

/** Loads what edition `fiscalYear` publishes, from live data. Throws not_found when the edition does not exist. */
export async function loadPublishedContent(tenant: LoadPublishedContentDb, given: PublishingMunicipality, fiscalYear: number): Promise<PublishedContent> {
  // Only these three fields are published (callers may pass a whole municipality row).
  const municipality = { code: given.code, name: given.name, prefecture: given.prefecture };
  const [dataset, document, license] = await Promise.all([
    loadPublicDataset(tenant, municipality, fiscalYear),
    loadPolicyDocument(tenant, municipality, fiscalYear),
    publicationLicense(tenant),
  ]);
  return { dataset, document, license };
}

/** Maps become sorted [key, value] lists, so equal content gives equal JSON. */
const canonical = (_key: string, value: unknown): unknown => (value instanceof Map ? [...value].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) : value);

/** Whether `holder` is the 図表7 figure spec ({ type: "classification", … }) of the document model. */
const isClassificationSpec = (holder: unknown) => typeof holder === "object" && holder !== null && (holder as { type?: unknown }).type === "classification";

/**
 * The fingerprints of `content` under each definition this version computes (domain/publication.ts
 * FINGERPRINT_DEFINITION), hex SHA-256:
 * 1 = the public dataset alone, shaped as it was then (without PublicCell.ownStage), for approvals stored before 2026-12;
 * 3 = the definition number, the dataset, the document (with every image) and the license line, the document shaped as
 *     it was then (図表7's spec without fiscalYear), so an approval stored under 3 still matches when nothing changed;
 * 4 = the same with 図表7's fiscalYear.
 * Definition 2 (as 3 without ownStage) is not computed: such an approval reads 要再承認.
 */
export function contentFingerprints(content: PublishedContent): Record<number, string> {
  const whole = JSON.stringify({ definition: FINGERPRINT_DEFINITION, dataset: content.dataset, document: content.document, license: content.license }, canonical);
  const v3 = JSON.stringify({ definition: 3, dataset: content.dataset, document: content.document, license: content.license }, function (this: unknown, key: string, value: unknown) {
    return key === "fiscalYear" && isClassificationSpec(this) ? undefined : canonical(key, value);
  });
  const v1 = JSON.stringify(content.dataset, (key, value: unknown) => (key === "ownStage" ? undefined : value));
  return { 1: sha256(v1), 3: sha256(v3), [FINGERPRINT_DEFINITION]: sha256(whole) };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** A text of published content holding an invisible format character: the character ("U+202E") and the text around it. */
export interface FormatCharacterFound {
  character: string;
  /** Up to 20 characters either side, the character itself shown as [U+202E]. */
  excerpt: string;
}

/**
 * The first text anywhere in `content` (dataset, document, license) that holds an invisible format character
 * (domain/input-limits.ts formatCharacterIn: bidi overrides U+202A–U+202E, isolates U+2066–U+2069, zero-width
 * characters, the BOM…), or null. The forms refuse such characters; this catches any stored before they did or
 * brought in another way (a restored backup, an older import), so nothing published can reorder or hide text.
 * Byte arrays (images) are not walked.
 */
export function formatCharacterInContent(content: PublishedContent): FormatCharacterFound | null {
  const seen = new Set<object>();
  const walk = (value: unknown): FormatCharacterFound | null => {
    if (typeof value === "string") {
      const character = formatCharacterIn(value);
      if (!character) return null;
      const chars = [...value];
      const at = chars.findIndex((ch) => formatCharacterIn(ch) !== null);
      const show = (part: string[]) => part.map((ch) => (formatCharacterIn(ch) ? `[${formatCharacterIn(ch)}]` : ch)).join("");
      return { character, excerpt: show(chars.slice(Math.max(0, at - 20), at + 21)) };
    }
    if (value === null || typeof value !== "object" || ArrayBuffer.isView(value) || seen.has(value)) return null;
    seen.add(value);
    const children = value instanceof Map ? [...value.keys(), ...value.values()] : Array.isArray(value) ? value : [...Object.keys(value), ...Object.values(value)];
    for (const child of children) {
      const found = walk(child);
      if (found) return found;
    }
    return null;
  };
  return walk(content);
}
