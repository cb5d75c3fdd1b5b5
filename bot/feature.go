package bot

import (
	"context"
	"log/slog"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// This file is the core's API for features (bot/glossary, bot/study): everything a
// feature outside this package may use of the core, and nothing more. A feature gets
// the core from New through Attach rather than through its constructor because the
// core does not exist before New, and New is where the chain and the command table are
// assembled in one order: a constructor taking a *Bot would need a second, mutable
// registration step after New.

// Attacher is a Feature that needs the core. New calls Attach once, before it reads
// the feature's commands and middleware; the feature keeps b for its handlers.
type Attacher interface {
	Attach(b *Bot)
}

// Limits of what a reply offers, shared by the core and the features.
const (
	// MaxRelated bounds the related facts a reply offers.
	MaxRelated = maxRelated
	// MaxButtonData is the most bytes of a button's data: Telegram's callback data.
	MaxButtonData = maxButtonData
	// MaxButtonLabel is the most runes of a button's label.
	MaxButtonLabel = maxButtonLabel
	// QuestionCommand is the canonical name of the command that asks a question (/ask).
	QuestionCommand = questionCommand
)

// Features are the features the bot was built with, in order (Options.Features): a
// front end finds there what it can use beyond Handle (Telegram's native quiz polls).
func (b *Bot) Features() []Feature { return append([]Feature(nil), b.opts.Features...) }

// Now is the bot's clock (Options.Clock in tests).
func (b *Bot) Now() time.Time { return b.now() }

// Logger is the bot's operational log.
func (b *Bot) Logger() *slog.Logger { return b.log }

// Snapshot is the fact base the message in ctx is answered from (the current one
// outside a message): every look-up of one message sees the same base even when a
// reload lands halfway.
func (b *Bot) Snapshot(ctx context.Context) *knowledge.Snapshot { return b.kb(ctx).snap }

// Matcher is the matcher the message in ctx is answered with (a scripted one in tests).
func (b *Bot) Matcher(ctx context.Context) QuestionMatcher { return b.kb(ctx).matcher }

// WithSnapshot pins the current snapshot for the rest of a piece of work outside a
// message (a round of daily facts), as Handle does for a message.
func (b *Bot) WithSnapshot(ctx context.Context) context.Context { return b.withView(ctx) }

// Parsed is the parse of text made earlier in this message (WithParsed), or a new one.
func (b *Bot) Parsed(ctx context.Context, text string) *knowledge.Question {
	return parsedFrom(ctx, b.kb(ctx), text)
}

// WithParsed keeps a message's parse for the rest of its handling, so that a feature's
// checks and the core's answer share one analysis.
func WithParsed(ctx context.Context, q *knowledge.Question) context.Context {
	return withParsed(ctx, q)
}

// ChatOf is the record of the chat key as the message being handled read it (one read
// per message); outside a message it reads the store.
func (b *Bot) ChatOf(ctx context.Context, chatKey string) (Chat, error) {
	return b.chatOf(ctx, chatKey)
}

// RememberLast makes factID the chat's last answer, for an answer sent without a
// message (the daily fact); answers to messages are remembered by the chain.
func (b *Bot) RememberLast(ctx context.Context, chatKey, factID string) {
	b.rememberAnswer(ctx, chatKey, factID)
}

// AnswerReply renders a fact as the core answers it: its answer, sources and related
// facts, from the snapshot of ctx.
func (b *Bot) AnswerReply(ctx context.Context, f *knowledge.Fact, lang knowledge.Lang) *Reply {
	return b.answerReply(b.kb(ctx), f, lang)
}

// FactBySymbol finds the fact about a UN document symbol ("A/70/174") in the snapshot
// of ctx, preferring the fact about the document itself.
func (b *Bot) FactBySymbol(ctx context.Context, symbol string) (*knowledge.Fact, bool) {
	return b.factBySymbol(b.kb(ctx), symbol)
}

// Para is a plain paragraph.
func Para(s string) Block { return para(s) }

// InfoReply is an informational reply of one paragraph.
func InfoReply(lang knowledge.Lang, s string) *Reply { return info(lang, s) }

// ErrorReply is a polite error of one paragraph.
func ErrorReply(lang knowledge.Lang, s string) *Reply { return errorReply(lang, s) }

// Truncate shortens s to n runes, marking a cut with an ellipsis.
func Truncate(s string, n int) string { return truncateRunes(s, n) }

// FactButtons offers facts as "/fact <id>" buttons, one per row.
func FactButtons(facts []*knowledge.Fact, lang knowledge.Lang) [][]Button {
	return factButtons(facts, lang)
}

// OptionalText is an optional free-text argument described by its name alone.
func OptionalText(name string) ArgSpec { return optionalText(name) }

// NormLang is the reply language for l: Indonesian, or English for anything else.
func NormLang(l knowledge.Lang) knowledge.Lang { return normLang(l) }

func info(lang knowledge.Lang, s string) *Reply {
	return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(s)}}
}
