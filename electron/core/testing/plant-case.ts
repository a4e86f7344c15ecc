import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Writes `<home>/cases/<id>/case.json` by hand, the way a damaged or foreign file would look. Returns its path. */
export async function plantCase(home: string, id: string, content: string): Promise<string> {
  const file = path.join(home, 'cases', id, 'case.json');
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
  return file;
}
