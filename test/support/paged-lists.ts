import type request from 'supertest';

/**
 * The ids on every page of a paged list (`{ items, nextCursor }`), following nextCursor to the
 * end; each page must hold at most the `limit` asked for.
 */
export async function idsOnEveryPage(agent: ReturnType<typeof request.agent>, path: string, query: Record<string, string | number>): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (await agent.get(path).query(cursor ? { ...query, cursor } : query).expect(200)).body as { items: { id: string }[]; nextCursor: string | null };
    if (typeof query.limit === 'number' && page.items.length > query.limit) throw new Error(`a page of ${page.items.length} items, over the limit of ${query.limit}`);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}
