/** What the model and the chat are told about a proposed change once it is decided. */
import type { FileEditKind } from '../protocol';
import type { ToolResult } from '../tools/tool';
import type { ChangeOutcome, ProposedChange } from './editGate';

/** Counts and outcome of a change, for the one-line summary in the chat. */
export interface ChangeDetails {
  kind: FileEditKind;
  display: string;
  to?: string;
  status: ChangeOutcome['status'];
  added: number;
  removed: number;
}

const DONE: Record<FileEditKind, string> = {
  edit: 'Edited',
  create: 'Created',
  overwrite: 'Overwrote',
  delete: 'Deleted',
  rename: 'Renamed',
};
const NOUN: Record<FileEditKind, string> = {
  edit: 'edit',
  create: 'new file',
  overwrite: 'new content',
  delete: 'deletion',
  rename: 'rename',
};

const counts = (c: { added: number; removed: number }): string => `+${c.added} −${c.removed}`;
const what = (c: { kind: FileEditKind; display: string; to?: string }): string =>
  c.kind === 'rename' && c.to ? `${c.display} to ${c.to}` : c.display;

/** The tool result for a decided change; `extra` is added to a success (e.g. blocks matched loosely). */
export function changeResult(change: ProposedChange, outcome: ChangeOutcome, extra = ''): ToolResult<ChangeDetails> {
  const details: ChangeDetails = {
    kind: change.kind,
    display: change.target.display,
    ...(change.to ? { to: change.to.display } : {}),
    status: outcome.status,
    added: change.added,
    removed: change.removed,
  };
  const name = what(details);
  const noun = NOUN[change.kind];
  const fail = (text: string): ToolResult<ChangeDetails> => ({
    text: `Error: ${text}`,
    truncated: false,
    isError: true,
    details,
  });
  switch (outcome.status) {
    case 'applied': {
      const how = outcome.auto ? 'applied at once (aioCoder.agent.autoApproveEdits)' : 'accepted by the user';
      return {
        text: `${DONE[change.kind]} ${name} (${counts(change)} lines), ${how}.${extra}`,
        truncated: false,
        details,
      };
    }
    case 'rejected': {
      const why = outcome.reason ? ` The user's reason: "${outcome.reason}".` : '';
      return {
        text:
          `Rejected by the user: the ${noun} of ${name} was not applied; the file is unchanged.${why} ` +
          `Do not make the same change again unless the user asks for it.`,
        truncated: false,
        details,
      };
    }
    case 'stopped':
      return fail(`stopped by the user before the ${noun} of ${name} was applied; nothing was written.`);
    case 'stale':
      return fail(
        `${change.target.display} changed after you read it (the user edited it); nothing was written. ` +
          `Read it again with read_file and redo the change against its current content.`,
      );
    case 'failed':
      return fail(`the ${noun} of ${name} could not be applied (${outcome.message}); nothing was written.`);
  }
}

/** The refusal for a file that changed since the model read it, before any change is proposed. */
export function staleResult(display: string): ToolResult<never> {
  return {
    text:
      `Error: ${display} changed after you read it (the user edited it); nothing was written. ` +
      `Read it again with read_file and redo the change against its current content.`,
    truncated: false,
    isError: true,
  };
}

/** The chat's one-line summary of a change tool call. */
export function changeSummary(running: string, result?: ToolResult<ChangeDetails>): string {
  const d = result?.details;
  if (!d) return running;
  const name = what(d);
  switch (d.status) {
    case 'applied':
      return `${DONE[d.kind]} ${name} (${counts(d)})`;
    case 'rejected':
      return `Rejected: ${NOUN[d.kind]} of ${name}`;
    case 'stopped':
      return `Stopped: ${NOUN[d.kind]} of ${name}`;
    case 'stale':
      return `Refused: ${d.display} changed since it was read`;
    case 'failed':
      return `Failed: ${NOUN[d.kind]} of ${name}`;
  }
}
