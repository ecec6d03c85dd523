import { z } from 'zod';

/** Keyset pagination: `limit` items per page, and the `nextCursor` of the previous page to read on. */
export const pageQuery = (defaultLimit = 50, maxLimit = 200) => ({
  limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page.'),
});

/** A page of a list: its items, and the cursor of the next page (null on the last). */
export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page.'),
  });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
