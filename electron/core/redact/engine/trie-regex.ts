// Many literals searched for at once with the regular expression engine (compiled
// to machine code, with fast skips), factored into a trie so it follows one branch
// a character instead of trying every literal at every position.

interface TrieNode {
  next: Map<string, TrieNode>;
  end: boolean;
}

/**
 * One regular expression for many literals, factored by common prefixes
 * (`appl1(?:00175831|00403110)`), so the engine follows one branch a character
 * instead of trying every literal at every position. Longer literals win.
 */
export function trieSource(literals: string[]): string {
  const root: TrieNode = { next: new Map(), end: false };
  for (const literal of literals) {
    let node = root;
    for (const ch of literal) {
      let child = node.next.get(ch);
      if (child === undefined) {
        child = { next: new Map(), end: false };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    const branches = [...node.next]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([ch, child]) => escapeRegExp(ch) + emit(child));
    if (branches.length === 0) return '';
    const body = branches.length === 1 ? (branches[0] ?? '') : `(?:${branches.join('|')})`;
    return node.end ? `(?:${body})?` : body;
  };
  return emit(root);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
