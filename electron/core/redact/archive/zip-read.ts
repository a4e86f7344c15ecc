import { memberPath, type ContentContext, type ReadVisitor } from './read-context';
import type { MemberReader } from './read-content';
import { forEachZipMember } from './zip-entries';

export async function readZipFile(
  ctx: ContentContext,
  visitor: ReadVisitor,
  archive: string,
  file: string,
  depth: number,
  readMember: MemberReader,
): Promise<void> {
  await forEachZipMember(archive, file, async (member, body, target) => {
    visitor.entry?.(archive, member.name, target);
    if (body !== null) await readMember(ctx, visitor, member.name, memberPath(archive, member.name), body, depth);
  });
}
