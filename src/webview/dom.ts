/** Attributes and text for {@link el}. */
export interface ElProps {
  class?: string;
  text?: string;
  attrs?: Record<string, string>;
}

/** Creates an element; text goes in as textContent, never as HTML. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.class) node.className = props.class;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** A codicon glyph, hidden from assistive technology (the control carries the name). */
export function icon(name: string, extra = ''): HTMLSpanElement {
  return el('span', { class: `codicon codicon-${name}${extra ? ` ${extra}` : ''}`, attrs: { 'aria-hidden': 'true' } });
}

/** An icon-only button whose accessible name and tooltip are `label`. */
export function iconButton(iconName: string, label: string, action?: string): HTMLButtonElement {
  const button = el(
    'button',
    { class: 'icon-button', attrs: { type: 'button', 'aria-label': label, title: label } },
    icon(iconName),
  );
  if (action) button.dataset.action = action;
  return button;
}

/** A button with an icon and a visible text label. */
export function textButton(iconName: string, label: string, action?: string, primary = false): HTMLButtonElement {
  const button = el(
    'button',
    { class: primary ? 'text-button primary' : 'text-button', attrs: { type: 'button' } },
    icon(iconName),
    el('span', { text: label }),
  );
  if (action) button.dataset.action = action;
  return button;
}
