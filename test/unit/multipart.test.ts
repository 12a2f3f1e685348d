import { describe, expect, it } from "vitest";
import { GyokakuError } from "../../src/domain/errors.js";
import { streamFormData } from "../../src/web/multipart.js";

/** The body and Content-Type a browser (here undici) sends for `form`. */
async function encoded(form: FormData): Promise<{ body: ReadableStream<Uint8Array>; type: string }> {
  const request = new Request("http://x/", { method: "POST", body: form });
  return { body: request.body as ReadableStream<Uint8Array>, type: request.headers.get("content-type") ?? "" };
}

describe("streamFormData (multipart read as it streams in)", () => {
  it("gives the same fields and files as Request.formData: utf-8 text and names, repeated fields, empty file inputs", async () => {
    const form = new FormData();
    form.append("_csrf", "token");
    form.append("note", "企画部 ①\r\n二行目");
    form.append("unit", "1");
    form.append("unit", "2");
    form.append("file", new Blob([new Uint8Array([1, 2, 3, 0, 255])], { type: "text/csv" }), "職員数 令和7年度.csv");
    form.append("none", new Blob([]), "");
    form.append("empty", new Blob([]), "空.csv");
    const big = "A".repeat(3 * 1024 * 1024);
    form.append("data", big);
    const { body, type } = await encoded(form);
    const parsed = await streamFormData(body, type);
    expect(parsed.get("_csrf")).toBe("token");
    expect(parsed.get("note")).toBe("企画部 ①\r\n二行目");
    expect(parsed.getAll("unit")).toEqual(["1", "2"]);
    const file = parsed.get("file");
    expect(file).toBeInstanceOf(File);
    expect((file as File).name).toBe("職員数 令和7年度.csv");
    expect((file as File).type).toBe("text/csv");
    expect([...new Uint8Array(await (file as File).arrayBuffer())]).toEqual([1, 2, 3, 0, 255]);
    // A file input left empty (no name): nothing chosen, as a blank field; a chosen file of 0 bytes stays a file.
    expect(parsed.get("none")).toBe("");
    expect(parsed.get("empty")).toBeInstanceOf(File);
    expect((parsed.get("empty") as File).size).toBe(0);
    expect(parsed.get("data")).toBe(big);
  });

  it("refuses a body that is not multipart of its boundary with a Japanese invalid_input, not a library's text", async () => {
    const body = new Request("http://x/", { method: "POST", body: "--other\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\nx" }).body as ReadableStream<Uint8Array>;
    const error = await streamFormData(body, "multipart/form-data; boundary=abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GyokakuError);
    expect((error as GyokakuError).code).toBe("invalid_input");
    expect((error as GyokakuError).message).toContain("送信された内容を読み取れませんでした");
    const noBoundary = await streamFormData(new Request("http://x/", { method: "POST", body: "x" }).body as ReadableStream<Uint8Array>, "multipart/form-data").catch((e: unknown) => e);
    expect((noBoundary as GyokakuError).code).toBe("invalid_input");
  });
});
