/**
 * Images for the public document (図表1・2 and an item's 備考) are checked by their whole header, not their first
 * bytes: a file that only starts like a PNG printed a broken image in the published PDF and site, and a small file
 * declaring a huge picture reached Chromium's print. Both upload services, both databases.
 */
import { expect, it } from "vitest";
import { TenantDb } from "../../src/db/tenant.js";
import { CLI_ACTOR } from "../../src/services/audit.js";
import { figureImagesOf, setFigureImage } from "../../src/services/policy-narratives.js";
import { createEdition } from "../../src/services/reform/editions.js";
import { addItem } from "../../src/services/reform/items.js";
import { addAttachment } from "../../src/services/reform/attachments.js";
import { describeEachDatabase } from "../support/databases.js";
import { buildMunicipality } from "../support/factories.js";
import { pngImage } from "../support/images.js";

const signatureOnly = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 200 }, (_, i) => (i * 37) & 0xff)]);
const huge = pngImage(1, 30_000, 30_000);
// A JPEG cut after its first segment: SOI and an APP0 (JFIF), no frame header.
const cutJpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
// A whole JPEG header: SOI, then SOF0 of 640 × 480.
const jpegHeader = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);

describeEachDatabase("publication image uploads", (get) => {
  async function city() {
    const { db } = get().database;
    const municipality = await buildMunicipality(db);
    const tenant = new TenantDb(db, municipality.id);
    await createEdition(tenant, CLI_ACTOR, { fiscalYear: 2030 });
    const itemId = await addItem(tenant, CLI_ACTOR, { editionYear: 2030, name: "窓口のデジタル化", unitIds: [], unitLabels: ["行政管理課"] });
    return { tenant, itemId };
  }

  it("refuses a 図表1・2 image whose header is not whole or whose picture is too large, naming the file, and stores nothing", async () => {
    const { tenant } = await city();
    const upload = (filename: string, bytes: Uint8Array) => setFigureImage(tenant, CLI_ACTOR, { fiscalYear: 2030, key: "ppp", filename, bytes });
    await expect(upload("fake.png", signatureOnly)).rejects.toThrow("「fake.png」はPNGの画像として読めません(ファイルが壊れているか、途中で切れています)");
    await expect(upload("cut.jpg", cutJpeg)).rejects.toThrow("「cut.jpg」はJPEGの画像として読めません");
    await expect(upload("huge.png", huge)).rejects.toThrow("「huge.png」の画像が大きすぎます(30,000×30,000ピクセル。一辺10,000ピクセル・合計4,000万ピクセルまで)");
    await expect(upload("zero.png", pngImage(1, 0, 5))).rejects.toThrow("「zero.png」の画像の大きさが0ピクセルです");
    await expect(upload("anim.gif", new TextEncoder().encode("GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000"))).rejects.toThrow("「anim.gif」はPNG・JPEGの画像ではありません");
    expect(await figureImagesOf(tenant, 2030)).toHaveLength(0);
    await upload("ppp.png", pngImage(3, 800, 600));
    await setFigureImage(tenant, CLI_ACTOR, { fiscalYear: 2030, key: "dx", filename: "dx.jpg", bytes: jpegHeader });
    expect((await figureImagesOf(tenant, 2030)).map((i) => [i.key, i.content_type])).toEqual([
      ["dx", "image/jpeg"],
      ["ppp", "image/png"],
    ]);
  });

  it("refuses an item image the same way (one rule for every published image)", async () => {
    const { tenant, itemId } = await city();
    const attach = (filename: string, bytes: Uint8Array) => addAttachment(tenant, CLI_ACTOR, { itemId, filename, bytes });
    await expect(attach("fake.png", signatureOnly)).rejects.toThrow("「fake.png」はPNGの画像として読めません");
    await expect(attach("huge.png", huge)).rejects.toThrow("「huge.png」の画像が大きすぎます");
    await expect(attach("page.html", new TextEncoder().encode("<html></html>"))).rejects.toThrow("「page.html」はPNG・JPEG・GIF・WebPの画像ではありません");
    expect(await attach("ok.png", pngImage(2))).toBeGreaterThan(0);
  });
});
