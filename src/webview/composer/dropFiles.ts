import type { WebviewToHost } from '../../common/protocol';

// VS Code's Explorer puts its URIs under its own type; other sources use the standard one.
const URI_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The URIs of a drop: one per line, `#` lines are comments (RFC 2483). */
export function droppedUris(data: Pick<DataTransfer, 'getData' | 'types'>): string[] {
  for (const type of URI_TYPES) {
    if (!data.types.includes(type)) continue;
    const lines = data
      .getData(type)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    if (lines.length > 0) return lines.slice(0, 100);
  }
  return [];
}

/** Files dragged from the Explorer (Shift held, as VS Code asks for drops into a view) become chips. */
export function acceptFileDrops(target: HTMLElement, post: (m: WebviewToHost) => void): void {
  target.addEventListener('dragover', (e) => {
    if (!e.dataTransfer || !URI_TYPES.some((t) => e.dataTransfer?.types.includes(t))) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    target.classList.add('drop-target');
  });
  target.addEventListener('dragleave', () => target.classList.remove('drop-target'));
  target.addEventListener('drop', (e) => {
    target.classList.remove('drop-target');
    const uris = e.dataTransfer ? droppedUris(e.dataTransfer) : [];
    if (uris.length === 0) return;
    e.preventDefault();
    post({ type: 'dropUris', uris });
  });
}
