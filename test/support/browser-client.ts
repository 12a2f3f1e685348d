import type { Hono } from "hono";
import type { AppEnv } from "../../src/web/env.js";
import { TEST_PASSWORD } from "./factories.js";

/**
 * Drives the real app in-process the way a browser would: keeps cookies, reads the CSRF token
 * from the page it was served, and sends forms as application/x-www-form-urlencoded.
 */
export class BrowserClient {
  private readonly cookies = new Map<string, string>();
  /** The token of the last page that carried one. */
  csrfToken = "";

  constructor(readonly app: Hono<AppEnv>) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { host: "localhost", ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await this.app.request(path, { headers: this.headers(headers) });
    this.remember(response);
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("text/html")) {
      const html = await response.clone().text();
      const match = /name="_csrf" value="([^"]+)"/.exec(html);
      if (match?.[1]) this.csrfToken = match[1];
    }
    return response;
  }

  /** Posts a form; `_csrf` is added from the last page unless the caller sets it (or sets it to null to leave it out). */
  async post(path: string, form: Record<string, string | string[]>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (csrf !== null) body.set("_csrf", csrf);
    const response = await this.app.request(path, {
      method: "POST",
      body: body.toString(),
      headers: this.headers({ "content-type": "application/x-www-form-urlencoded", ...options.headers }),
    });
    this.remember(response);
    return response;
  }

  async login(municipalityId: number, username: string, password = TEST_PASSWORD): Promise<Response> {
    await this.get("/login");
    return this.post("/login", { municipality: String(municipalityId), username, password });
  }
}
