import type * as vscode from 'vscode';
import type { HostToWebview } from '../../common/protocol';
import type { ApprovalBroker } from '../../common/tools/approvals';
import { AgentService } from '../agent/agentService';
import type { InstructionsLoader } from '../context/instructionsLoader';
import type { SlashCommands } from '../context/slashCommands';
import type { ApiKeyStore } from '../secrets';
import { ChatLibrary } from './chatLibrary';
import { ChatSummarizer } from './chatSummarizer';
import type { ChipStore } from './chipStore';
import { TurnController } from './turnController';

/** The parts of the chat that hold state read back from storage (chats, checkpoints). */
export interface ChatParts {
  agent: AgentService;
  library: ChatLibrary;
  turns: TurnController;
  summarizer: ChatSummarizer;
}

/** What the parts share with the chat service. */
export interface ChatPartsDeps {
  context: vscode.ExtensionContext;
  keys: ApiKeyStore;
  chips: ChipStore;
  approvals: ApprovalBroker;
  instructions: InstructionsLoader;
  slash: SlashCommands;
  post: (m: HostToWebview) => void;
  reload: () => Promise<void>;
}

/** Creates the library, the turns, the summarizer and Agent mode; everything they know comes back from storage. */
export function buildChatParts(d: ChatPartsDeps): ChatParts {
  const storage = d.context.globalStorageUri.fsPath;
  const agent = new AgentService(storage, d.post);
  const stopActive = (): Promise<void> => turns.stopActive();
  const library = new ChatLibrary(storage, {
    post: d.post,
    stopActive,
    reload: d.reload,
    chatDeleted: (chatId) => agent.removeChat(chatId),
  });
  const turns: TurnController = new TurnController({
    library,
    chips: d.chips,
    keys: d.keys,
    logUri: d.context.logUri,
    approvals: d.approvals,
    instructions: d.instructions,
    agent,
    post: d.post,
    reload: d.reload,
    slash: d.slash,
  });
  const summarizer = new ChatSummarizer({
    library,
    keys: d.keys,
    logUri: d.context.logUri,
    post: d.post,
    stopActive,
    reload: d.reload,
  });
  return { agent, library, turns, summarizer };
}
