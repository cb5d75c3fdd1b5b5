// Package address is the one addressing policy of the chat adapters: whether a message was
// meant for the bot. Each adapter reads the signals from its own platform's types (a
// Telegram bot_command entity, a Discord mention, a console line) and hands them to Mark,
// which decides and records the decision on the bot.Message. No adapter sets
// bot.Message.Addressed itself; address_test.go fails the build's tests if one does.
//
// Adapters drop a message Mark refuses at once, so chatter costs no goroutine, no metric and
// no trip into the bot; the bot's Addressed middleware applies the same rule again to what
// does reach it (and also never answers broadcast channels).
package address

import "github.com/cyberdiplo/cyberdiplo/bot"

// Signals are the ways a message can be meant for the bot, as the platform shows them.
type Signals struct {
	// Command: the message starts with a command for this bot (/ask, /ask@ThisBot, a
	// Discord slash command). A command for another bot is not one.
	Command bool
	// Mention: the message mentions the bot by name or id.
	Mention bool
	// ReplyToBot: the message replies to one of the bot's own messages.
	ReplyToBot bool
	// Action: a button press, a poll answer or an inline query: only the bot's own interface
	// makes these, so they are always for it.
	Action bool
}

// Addressed reports whether a message in a chat of this kind, with these signals, is meant
// for the bot: in a private chat every message is; elsewhere only a command for it, a
// mention of it, a reply to it or an action on its interface.
func Addressed(kind bot.ChatKind, s Signals) bool {
	return kind == bot.Private || s.Command || s.Mention || s.ReplyToBot || s.Action
}

// Mark decides whether m, whose ChatKind is already set, was meant for the bot, records it
// in m.Addressed and reports it. The adapter drops m when it reports false.
func Mark(m *bot.Message, s Signals) bool {
	m.Addressed = Addressed(m.ChatKind, s)
	return m.Addressed
}
