// Representative --vscode-* variables of VS Code's Dark Modern, Light Modern and High Contrast themes,
// so screenshots look like the real panel. VS Code sets these on <html> itself; the harness does too.

/** Theme names the harness knows, with the body class VS Code sets for each. */
export type ThemeName = 'dark' | 'light' | 'hc';

const fonts = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "DejaVu Sans Mono", monospace',
  'editor-font-size': '13px',
};

const dark: Record<string, string> = {
  ...fonts,
  foreground: '#cccccc', 'sideBar-background': '#181818', 'editor-background': '#1f1f1f', 'editor-foreground': '#cccccc',
  descriptionForeground: '#9d9d9d', focusBorder: '#0078d4', 'icon-foreground': '#cccccc', 'toolbar-hoverBackground': '#5a5d5e50',
  'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
  'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
  'input-background': '#313131', 'input-border': '#3c3c3c', 'input-foreground': '#cccccc', 'input-placeholderForeground': '#989898',
  'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc', 'textCodeBlock-background': '#2b2b2b',
  'textPreformat-background': '#3c3c3c', 'textPreformat-foreground': '#d0d0d0', 'textBlockQuote-background': '#2b2b2b',
  'textBlockQuote-border': '#616161', 'panel-border': '#2b2b2b', 'widget-border': '#313131', 'editorWidget-border': '#454545',
  'sideBarSectionHeader-border': '#2b2b2b', 'badge-background': '#616161', 'badge-foreground': '#f8f8f8', errorForeground: '#f85149',
  'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100', 'inputValidation-warningBackground': '#352a05',
  'inputValidation-warningBorder': '#b89500', 'inputValidation-infoBackground': '#063b49', 'inputValidation-infoBorder': '#007acc',
  'editorWarning-foreground': '#cca700', 'list-hoverBackground': '#2a2d2e', 'list-inactiveSelectionBackground': '#37373d',
  'dropdown-background': '#313131', 'dropdown-border': '#3c3c3c', 'dropdown-foreground': '#cccccc', 'checkbox-selectBackground': '#0078d4',
  'debugTokenExpression-name': '#c586c0', 'debugTokenExpression-string': '#ce9178', 'debugTokenExpression-number': '#b5cea8',
  'debugTokenExpression-boolean': '#4e94ce', 'symbolIcon-functionForeground': '#dcdcaa', 'symbolIcon-classForeground': '#4ec9b0',
  'symbolIcon-variableForeground': '#9cdcfe', 'symbolIcon-constantForeground': '#4fc1ff', 'gitDecoration-addedResourceForeground': '#81b88b',
  'gitDecoration-deletedResourceForeground': '#c74e39', 'testing-iconPassed': '#73c991', 'keybindingTable-headerBackground': '#cccccc0a',
};

const light: Record<string, string> = {
  ...fonts,
  foreground: '#3b3b3b', 'sideBar-background': '#f8f8f8', 'editor-background': '#ffffff', 'editor-foreground': '#3b3b3b',
  descriptionForeground: '#616161', focusBorder: '#005fb8', 'icon-foreground': '#3b3b3b', 'toolbar-hoverBackground': '#b8b8b850',
  'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
  'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
  'input-background': '#ffffff', 'input-border': '#cecece', 'input-foreground': '#3b3b3b', 'input-placeholderForeground': '#767676',
  'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8', 'textCodeBlock-background': '#f2f2f2',
  'textPreformat-background': '#0000001f', 'textPreformat-foreground': '#3b3b3b', 'textBlockQuote-background': '#f2f2f2',
  'textBlockQuote-border': '#0063ce80', 'panel-border': '#e5e5e5', 'widget-border': '#e5e5e5', 'editorWidget-border': '#c8c8c8',
  'sideBarSectionHeader-border': '#e5e5e5', 'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', errorForeground: '#e51400',
  'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100', 'inputValidation-warningBackground': '#f6f5d2',
  'inputValidation-warningBorder': '#b89500', 'inputValidation-infoBackground': '#d6ecf2', 'inputValidation-infoBorder': '#007acc',
  'editorWarning-foreground': '#bf8803', 'list-hoverBackground': '#f2f2f2', 'list-inactiveSelectionBackground': '#e4e6f1',
  'dropdown-background': '#ffffff', 'dropdown-border': '#cecece', 'dropdown-foreground': '#3b3b3b', 'checkbox-selectBackground': '#005fb8',
  'debugTokenExpression-name': '#9b46b0', 'debugTokenExpression-string': '#a31515', 'debugTokenExpression-number': '#098658',
  'debugTokenExpression-boolean': '#0000ff', 'symbolIcon-functionForeground': '#795e26', 'symbolIcon-classForeground': '#267f99',
  'symbolIcon-variableForeground': '#001080', 'symbolIcon-constantForeground': '#0070c1', 'gitDecoration-addedResourceForeground': '#587c0c',
  'gitDecoration-deletedResourceForeground': '#ad0707', 'testing-iconPassed': '#388a34', 'keybindingTable-headerBackground': '#3b3b3b0a',
};

const hc: Record<string, string> = {
  ...fonts,
  foreground: '#ffffff', 'sideBar-background': '#000000', 'editor-background': '#000000', 'editor-foreground': '#ffffff',
  descriptionForeground: '#ffffff', focusBorder: '#f38518', contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518',
  'icon-foreground': '#ffffff', 'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df',
  'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff', 'input-background': '#000000',
  'input-border': '#6fc3df', 'input-foreground': '#ffffff', 'input-placeholderForeground': '#ffffffb3', 'textLink-foreground': '#21a6ff',
  'textLink-activeForeground': '#21a6ff', 'textCodeBlock-background': '#000000', 'textPreformat-background': '#000000',
  'textPreformat-foreground': '#ffffff', 'textBlockQuote-background': '#000000', 'textBlockQuote-border': '#ffffff',
  'panel-border': '#6fc3df', 'widget-border': '#6fc3df', 'editorWidget-border': '#6fc3df', 'sideBarSectionHeader-border': '#6fc3df',
  'badge-background': '#000000', 'badge-foreground': '#ffffff', errorForeground: '#f48771', 'inputValidation-errorBackground': '#000000',
  'inputValidation-errorBorder': '#f48771', 'inputValidation-warningBackground': '#000000', 'inputValidation-warningBorder': '#ffd700',
  'inputValidation-infoBackground': '#000000', 'inputValidation-infoBorder': '#6fc3df', 'editorWarning-foreground': '#ffd700',
  'dropdown-background': '#000000', 'dropdown-border': '#6fc3df', 'dropdown-foreground': '#ffffff', 'checkbox-selectBackground': '#000000',
  'debugTokenExpression-name': '#ffffff', 'debugTokenExpression-string': '#f48771', 'debugTokenExpression-number': '#89d185',
  'debugTokenExpression-boolean': '#75bdfe', 'symbolIcon-functionForeground': '#dcdcaa', 'symbolIcon-classForeground': '#4ec9b0',
  'symbolIcon-variableForeground': '#9cdcfe', 'symbolIcon-constantForeground': '#4fc1ff', 'gitDecoration-addedResourceForeground': '#a1e3ad',
  'gitDecoration-deletedResourceForeground': '#c74e39', 'testing-iconPassed': '#73c991',
};

/** Per theme: the body classes and the CSS variables (without the `--vscode-` prefix). */
export const THEMES: Record<ThemeName, { bodyClass: string; kind: string; vars: Record<string, string> }> = {
  dark: { bodyClass: 'vscode-dark', kind: 'vscode-dark', vars: dark },
  light: { bodyClass: 'vscode-light', kind: 'vscode-light', vars: light },
  hc: { bodyClass: 'vscode-high-contrast', kind: 'vscode-high-contrast', vars: hc },
};
