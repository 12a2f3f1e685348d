import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../src/io/csv.js";

describe("parseCsv", () => {
  it("splits rows on CRLF or LF and fields on commas", () => {
    expect(parseCsv("a,b\r\nc,d\ne,f")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
    ]);
  });

  it("does not add an empty row for a trailing line break", () => {
    expect(parseCsv("a,b\r\n")).toEqual([["a", "b"]]);
    expect(parseCsv("a\n")).toEqual([["a"]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps empty fields and blank lines in the middle", () => {
    expect(parseCsv("a,,c\n\nd,")).toEqual([["a", "", "c"], [""], ["d", ""]]);
  });

  it("reads quoted fields with commas, doubled quotes and line breaks inside", () => {
    expect(parseCsv('"1,055","say ""hi""","two\r\nlines"\nx')).toEqual([
      ["1,055", 'say "hi"', "two\r\nlines"],
      ["x"],
    ]);
  });

  it("reads an empty quoted field as an empty string", () => {
    expect(parseCsv('""')).toEqual([[""]]);
    expect(parseCsv('a,""\n')).toEqual([["a", ""]]);
  });

  it("treats a quote inside an unquoted field as an ordinary character", () => {
    expect(parseCsv('5"x,b')).toEqual([['5"x', "b"]]);
  });

  it("drops a BOM left at the start so it does not stick to the first header", () => {
    expect(parseCsv("\uFEFF組織,年度")).toEqual([["組織", "年度"]]);
  });

  it("throws a RangeError naming the line where an unterminated quote starts", () => {
    expect(() => parseCsv('a,b\nc,d\n"open,e\nf')).toThrow(RangeError);
    expect(() => parseCsv('a,b\nc,d\n"open,e\nf')).toThrow(/3行目/);
  });
});

describe("toCsv", () => {
  it("ends every line with CRLF, as Excel expects", () => {
    expect(toCsv([["a", "b"], ["c", "d"]])).toBe("a,b\r\nc,d\r\n");
  });

  it("quotes only fields with commas, quotes or line breaks, doubling quotes", () => {
    expect(toCsv([["1,055", 'say "hi"', "two\nlines", "plain"]])).toBe('"1,055","say ""hi""","two\nlines",plain\r\n');
  });

  it("writes numbers as they are and null as an empty field", () => {
    expect(toCsv([[67, null, 0, "x"]])).toBe("67,,0,x\r\n");
  });

  it("reads back what it wrote", () => {
    const rows = [["組織", "備考"], ["企画部", 'a,"b"\r\nc'], ["", ""]];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
