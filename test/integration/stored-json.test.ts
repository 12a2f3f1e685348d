import { expect, it } from "vitest";
import { jobCategoriesOf } from "../../src/services/hearing/context.js";
import { editionItems, getItem } from "../../src/services/reform/read-model.js";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";

describeEachDatabase("JSON kept in text columns is read through a schema", (get) => {
  it("a corrupted stored value is GyokakuError stored_data_invalid naming table, column and row, not a crash later", async () => {
    const { tenant, db } = await demoSite(get);
    const [first, second] = await editionItems(tenant, 2025);
    if (!first || !second) throw new Error("demo items missing");
    // Valid JSON of the wrong shape (a block without its text) and text that is not JSON at all.
    await db.updateTable("reform_items").set({ content_json: JSON.stringify([{ type: "paragraph" }]) }).where("id", "=", first.id).execute();
    await db.updateTable("reform_items").set({ unit_labels_json: "[\"総務課\"," }).where("id", "=", second.id).execute();
    await expect(getItem(tenant, first.id)).rejects.toMatchObject({ code: "stored_data_invalid", message: `保存されているデータの形が正しくありません: reform_items.content_json (#${first.id})` });
    await expect(getItem(tenant, second.id)).rejects.toMatchObject({ code: "stored_data_invalid", message: `保存されているデータが読めません (JSONではありません): reform_items.unit_labels_json (#${second.id})` });
    await db.updateTable("reform_items").set({ content_json: JSON.stringify(first.content) }).where("id", "=", first.id).execute();
    await db.updateTable("reform_items").set({ unit_labels_json: JSON.stringify(second.unitLabels) }).where("id", "=", second.id).execute();
    expect((await getItem(tenant, first.id)).content).toEqual(first.content);
    expect((await getItem(tenant, second.id)).unitLabels).toEqual(second.unitLabels);
  });

  it("a round's 職種 list that is not a list of strings is refused by name", () => {
    const round = { id: 7, job_categories_json: JSON.stringify(["一般行政", 3]) } as Parameters<typeof jobCategoriesOf>[0];
    expect(() => jobCategoriesOf(round)).toThrow("hearing_rounds.job_categories_json (#7)");
  });
});
