import { describe, expect, it } from "vitest";
import { GyokakuError } from "../../src/domain/errors.js";
import { invalidInput } from "../support/errors.js";
import { detectDelimiter, parseCsv, toCsv } from "../../src/io/csv.js";

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

  it("throws a GyokakuError(invalid_input) naming the line where an unterminated quote starts", () => {
    expect(() => parseCsv('a,b\nc,d\n"open,e\nf')).toThrow(GyokakuError);
    expect(() => parseCsv('a,b\nc,d\n"open,e\nf')).toThrow(invalidInput('CSVの引用符(")が閉じられていません (3行目から)'));
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

describe("kind H: the delimiter comes from the content, not the file name", () => {
  it("tabs win when the lines are split by tabs, even with commas inside numbers", () => {
    expect(detectDelimiter("組織\t年度\t人数\r\n企画部\t2025\t\"1,184\"\r\n")).toBe("tab");
    expect(detectDelimiter("組織\t2025\r\n総務部\t1,184\r\n")).toBe("tab");
  });

  it("commas win for CSV, and a one-column file is CSV", () => {
    expect(detectDelimiter("組織,年度,人数\r\n企画部,2025,63\r\n")).toBe("comma");
    expect(detectDelimiter("組織\r\n企画部\r\n")).toBe("comma");
    expect(detectDelimiter('"a\tb",c\r\n')).toBe("comma");
  });

  it("parses tab-separated text with Excel's quoting", () => {
    expect(parseCsv('a\t"b\tc"\t"say ""hi"""\r\n1\t2\t3\r\n', "tab")).toEqual([
      ["a", "b\tc", 'say "hi"'],
      ["1", "2", "3"],
    ]);
  });
});
