/**
 * zod's own messages in Japanese (zod's bundled `ja` locale), for any check a schema does not word itself: a clerk or
 * an API client never sees 「Invalid input: expected object」. Imported once by each entry point (the web app and the CLI);
 * our schemas' own messages (with the field's Japanese label) still take precedence.
 */
import { z } from "zod";

z.config(z.locales.ja());
