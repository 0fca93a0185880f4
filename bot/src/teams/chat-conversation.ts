import type { ConversationReference } from 'botbuilder';
import type { ConversationRef } from '../domain/model.js';
import type { ChatConversation, ChatPerson } from '../reminders/proactive-install.js';

/** What a conversation reference for a chat found through Graph is built from. */
export interface ChatConversationSettings {
  /** MicrosoftAppId: the bot's side of the chat (`28:<app id>`). */
  botAppId: string;
  /** TEAMS_SERVICE_URL: the Bot Connector address when no stored conversation says which one Teams uses here. */
  fallbackServiceUrl: string;
  /** The organisation's tenant (MicrosoftAppTenantId or GRAPH_TENANT_ID), when known. */
  tenantId?: string;
}

/**
 * How the bot reaches someone whose install `conversationUpdate` has not
 * arrived: a Teams conversation reference for the 1:1 chat id Graph reports
 * for the installation. The Bot Connector address (`serviceUrl`) is the one
 * Teams gave the bot most recently in this tenant — Teams serves a tenant
 * from one regional address (e.g. …/uk/) — else TEAMS_SERVICE_URL, Teams'
 * global address. When the real update arrives the bot replaces it.
 */
export function chatConversations(settings: ChatConversationSettings): ChatConversation {
  return (person: ChatPerson, chatId: string, known: readonly ConversationRef[], now: Date): ConversationRef => {
    const tenantId = settings.tenantId ?? newest(known)?.tenantId;
    const serviceUrl = serviceUrlOf(newest(known.filter((c) => !tenantId || !c.tenantId || sameId(c.tenantId, tenantId))));
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: serviceUrl ?? settings.fallbackServiceUrl,
      conversation: { id: chatId, conversationType: 'personal', isGroup: false, name: '', ...(tenantId ? { tenantId } : {}) },
      bot: { id: `28:${settings.botAppId}`, name: 'WRES Action Tracker' },
      user: { id: '', name: person.displayName, aadObjectId: person.aadObjectId },
    };
    return {
      aadObjectId: person.aadObjectId,
      displayName: person.displayName,
      ...(person.email ? { email: person.email } : {}),
      ...(tenantId ? { tenantId } : {}),
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
      updatedAt: now.toISOString(),
    };
  };
}

function newest(conversations: readonly ConversationRef[]): ConversationRef | undefined {
  return conversations
    .filter((c) => serviceUrlOf(c))
    .reduce<ConversationRef | undefined>((a, c) => (!a || c.updatedAt > a.updatedAt ? c : a), undefined);
}

function serviceUrlOf(c: ConversationRef | undefined): string | undefined {
  const url = c?.reference.serviceUrl;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined;
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
