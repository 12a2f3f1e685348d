import { expect, it } from "vitest";
import { describeEachDatabase } from "../support/databases.js";
import { demoSite } from "../support/demo-site.js";
import { formReadValues } from "../support/html.js";

describeEachDatabase("organisation pages", (get) => {
  async function setup(role: "admin" | "editor") {
    const { tenant, client: login, planning } = await demoSite(get, { planning: "110" });
    return { tenant, client: await login(role, role === "editor" ? [planning] : []) };
  }

  it("lists units with their validity in 和暦 and the recorded reorganisations", async () => {
    const { client } = await setup("admin");
    const html = await (await client.get("/units")).text();
    expect(html).toContain("こども福祉部");
    expect(html).toContain("令和元年度～");
    expect(html).toContain("平成28年度～");
    expect(html).toContain("保健福祉部からこども福祉部を分離");
  });

  it("records a reorganisation from the form, with the year written in 和暦", async () => {
    const { tenant, client } = await setup("admin");
    const industry = await tenant.units.getByCode("160");
    await client.get("/units");
    const response = await client.post("/units/reorganisations", {
      kind: "split",
      fiscalYear: "令和9年度",
      from: String(industry?.id),
      continuing: String(industry?.id),
      parent: "",
      newUnits: "165 農林水産部",
      newName: "",
      note: "農政部門を分離",
    });
    expect(response.status).toBe(302);
    expect(await tenant.units.getByCode("165")).toMatchObject({ name: "農林水産部", valid_from: 2027, parent_id: industry?.parent_id });
  });

  it("answers a reorganisation with an unreadable year with 400 and changes nothing", async () => {
    const { tenant, client } = await setup("admin");
    const industry = await tenant.units.getByCode("160");
    await client.get("/units");
    const response = await client.post("/units/reorganisations", { kind: "abolish", fiscalYear: "昭和64年度", from: String(industry?.id), newUnits: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("昭和64年度");
    expect((await tenant.units.getByCode("160"))?.valid_to).toBeNull();
  });

  it("refuses a new unit with a forged 上位組織 with 400 on the 組織 page naming the field, and writes nothing", async () => {
    const { tenant, client } = await setup("admin");
    await client.get("/units");
    const before = await tenant.units.list();
    const response = await client.post("/units", { code: "170", name: "新設部", kind: "department", parent: "abc", sector: "", validFrom: "" });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("上位組織の番号が正しくありません: 「abc」");
    expect(html).toContain("組織改正を登録");
    expect(html).toContain('name="code" type="text" value="170"');
    expect(html).toContain('name="name" type="text" value="新設部"');
    const year = await client.post("/units", { code: "170", name: "新設部", kind: "department", parent: "", sector: "", validFrom: "令和百年度" });
    expect(year.status).toBe(400);
    expect(await year.text()).toContain("設置年度: 年度として読めません: 「令和百年度」");
    expect(await tenant.units.list()).toEqual(before);
  });

  it("refuses a reorganisation whose 新しい組織 has a line without a name, naming the line, and writes nothing", async () => {
    const { tenant, client } = await setup("admin");
    const industry = await tenant.units.getByCode("160");
    await client.get("/units");
    const [units, events] = [await tenant.units.list(), await tenant.reorgEvents.list()];
    const response = await client.post("/units/reorganisations", {
      kind: "split",
      fiscalYear: "令和9年度",
      from: String(industry?.id),
      continuing: String(industry?.id),
      parent: "",
      newUnits: "165 農林水産部\n\n166",
      newName: "",
      note: "",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("新しい組織の3行目「166」は「コード 名称」の形で書いてください");
    // The form comes back as typed: the lines, the year, the units chosen.
    expect(html).toContain('name="newUnits">165 農林水産部\n\n166</textarea>');
    expect(html).toContain('name="fiscalYear" type="text" value="令和9年度"');
    expect(html).toMatch(new RegExp(`<select id="r-from" name="from" multiple="" size="8">(?:(?!</select>).)*<option value="${industry?.id}" selected=""`, "s"));
    expect(await tenant.units.list()).toEqual(units);
    expect(await tenant.reorgEvents.list()).toEqual(events);
  });

  it("refuses a unit's 最終年度 that is no year with 400 naming the field, and changes nothing", async () => {
    const { tenant, client } = await setup("admin");
    const industry = await tenant.units.getByCode("160");
    await client.get(`/units/${industry?.id}/edit`);
    const response = await client.post(`/units/${industry?.id}/structure`, { name: "産業振興部", sector: "", validFrom: "", validTo: "令和百年度" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("最終年度: 年度として読めません: 「令和百年度」");
    expect(await tenant.units.getByCode("160")).toEqual(industry);
  });

  it("shows 図表11 and lets the secretariat change a unit's sector", async () => {
    const { tenant, client } = await setup("admin");
    const page = await (await client.get("/units/sectors")).text();
    expect(page).toContain("消防本部、消防署");
    const citizens = await tenant.units.getByCode("130");
    const response = await client.post("/units/sectors", { ...formReadValues(page, "/units/sectors"), [`sector.${citizens?.id}`]: "somu" });
    expect(response.status).toBe(302);
    expect((await tenant.units.getByCode("130"))?.sector).toBe("somu");
  });

  it("refuses an editor's change to the organisation", async () => {
    const { tenant, client } = await setup("editor");
    const citizens = await tenant.units.getByCode("130");
    await client.get("/units/sectors");
    expect((await client.post("/units/sectors", { [`sector.${citizens?.id}`]: "somu" })).status).toBe(403);
    expect((await client.post(`/units/${citizens?.id}/structure`, { name: "乗っ取り部" })).status).toBe(403);
    expect((await tenant.units.getByCode("130"))?.name).toBe("市民環境部");
  });
});
