import * as vscode from 'vscode';
import { log } from './log';

const SECRET_ID = 'aioCoder.apiKey';
/** Environment fallback for remote machines and containers. */
export const ENV_KEY = 'AIO_API_KEY';

/** Where the key in use came from. */
export type KeySource = 'secretStorage' | 'environment';

/** The API key lives only in SecretStorage (or the environment); never in settings, logs or state. */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the stored key is set or cleared (here or in another window). */
  readonly onDidChange = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.sub = secrets.onDidChange((e) => {
      if (e.key === SECRET_ID) this.changed.fire();
    });
  }

  /** The key to use: the stored one, else `AIO_API_KEY`. */
  async get(): Promise<{ key: string; source: KeySource } | undefined> {
    const stored = (await this.secrets.get(SECRET_ID))?.trim();
    if (stored) return { key: stored, source: 'secretStorage' };
    const fromEnv = this.env[ENV_KEY]?.trim();
    return fromEnv ? { key: fromEnv, source: 'environment' } : undefined;
  }

  async has(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_ID, key);
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_ID);
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** Why a candidate key is refused, or undefined when it is acceptable. */
export function keyProblem(key: string): string | undefined {
  if (key.trim() === '') return 'The API key cannot be empty.';
  if (/\s/.test(key.trim())) return 'The API key cannot contain spaces.';
  return undefined;
}

/**
 * `aioCoder.setApiKey [key]`: prompts with a password box unless a key is given (automation).
 * Resolves to true when a key was stored.
 */
export async function setApiKeyCommand(store: ApiKeyStore, arg?: unknown): Promise<boolean> {
  let key: string | undefined = typeof arg === 'string' ? arg : undefined;
  if (key === undefined) {
    key = await vscode.window.showInputBox({
      title: 'AIO Coder: Set API Key',
      prompt: "Paste your API in One key. It is stored in VS Code's secret storage, never in settings.",
      placeHolder: 'aio_…',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => keyProblem(v),
    });
    if (key === undefined) return false;
  }
  const problem = keyProblem(key);
  if (problem) {
    void vscode.window.showErrorMessage(`AIO Coder: ${problem}`);
    return false;
  }
  const trimmed = key.trim();
  await store.set(trimmed);
  log.info('API key stored in SecretStorage.');
  if (!trimmed.startsWith('aio_')) {
    void vscode.window.showWarningMessage(
      'AIO Coder: the key was saved, but API in One keys usually start with "aio_". ' +
        'Check that you pasted the right key.',
    );
  } else {
    void vscode.window.showInformationMessage('AIO Coder: API key saved.');
  }
  return true;
}

/** `aioCoder.clearApiKey`: deletes the stored key. */
export async function clearApiKeyCommand(store: ApiKeyStore): Promise<void> {
  await store.clear();
  log.info('API key removed from SecretStorage.');
  const envNote = process.env[ENV_KEY]?.trim() ? ` ${ENV_KEY} is still set in the environment and will be used.` : '';
  void vscode.window.showInformationMessage(`AIO Coder: API key cleared.${envNote}`);
}
