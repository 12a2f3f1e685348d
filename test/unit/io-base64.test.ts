import { expect, it } from "vitest";
import { decodeBase64InSlices } from "../../src/io/base64.js";

it("decodes base64 across slices exactly, and refuses padding or foreign characters anywhere but at the end", async () => {
  const bytes = Buffer.alloc(3 * 1024 * 1024 + 5);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7) % 256;
  const text = bytes.toString("base64");
  expect(Buffer.compare(Buffer.from((await decodeBase64InSlices(text)) ?? []), bytes)).toBe(0);
  expect(Buffer.from((await decodeBase64InSlices("YQ==")) ?? []).toString()).toBe("a");
  expect(await decodeBase64InSlices("")).toEqual(new Uint8Array(0));
  expect(await decodeBase64InSlices("ab=c")).toBeNull();
  expect(await decodeBase64InSlices(`${text.slice(0, 1024 * 1024 - 2)}==${text.slice(1024 * 1024)}`)).toBeNull();
  expect(await decodeBase64InSlices(`${text.slice(0, 2 * 1024 * 1024)}!${text.slice(2 * 1024 * 1024 + 1)}`)).toBeNull();
});
