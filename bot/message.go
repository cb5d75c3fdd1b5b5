// Package bot is cyberdiplo's platform-neutral brain: commands, conversation rules and
// reply composition. Adapters turn platform events into a Message and render the Reply;
// nothing in this package knows which platform it talks to.
//
// A message goes down one chain (bot.go): Recover, the caller's middlewares (metrics,
// flood limit), Addressed, the router's parse (the command is read once, into
// Message.Call), ResolveLang (which reads the chat's record, once per message, for all
// after it), Sanitize, RememberAnswer (the one place an answer becomes the chat's
// last), the features' middlewares, then the Router, which checks
// a command's admin rule and calls its handler or answers the question
// (understand.go, answer.go). A Feature adds commands and a middleware through the
// small API of feature.go: the study features (bot/study) and the glossary
// (bot/glossary) are features, plugged in by bot/standard, since this package cannot
// import them. A chat's state is one record, Chat, in one Store (store.go, and the
// features' records in records.go; MemoryStore in memory, bot/storage on SQLite).
// Texts are one catalogue (catalog.go). Pure parts live in sub-packages: bot/daily
// (the daily fact's schedule and choice) and bot/followup (follow-up questions); the
// glossary's look-up is knowledge.Glossary.
package bot

import (
	"context"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// ChatKind tells private conversations from shared ones; the addressing rules differ.
type ChatKind int

// Chat kinds.
const (
	Private ChatKind = iota // a one-to-one chat or DM: every text is for the bot
	Group                   // a group, supergroup, guild channel or thread
	Channel                 // a broadcast channel where the bot only reads posts
)

func (k ChatKind) String() string {
	switch k {
	case Private:
		return "private"
	case Group:
		return "group"
	case Channel:
		return "channel"
	}
	return "unknown"
}

// Message is one incoming text, already stripped of platform detail.
type Message struct {
	Platform string   // "telegram", "discord", "console"
	ChatID   string   // stable id of the conversation on its platform
	ChatKind ChatKind //
	UserID   string   // stable id of the sender on its platform
	UserName string   // display name, for greetings only
	// Text is the message text with any leading mention of the bot removed by the adapter.
	// Commands keep their slash ("/ask ..."); a "/cmd@ThisBot" suffix is removed by the adapter.
	Text string
	// Addressed is true when the sender addressed the bot: a command meant for it, a
	// mention, a reply to one of its messages, or any message in a private chat.
	Addressed bool
	// LocaleHint is the user's client language ("id", "en-US", ...), used only when the
	// question itself does not tell the language.
	LocaleHint string
	// Action is true when the text came from pressing one of the bot's buttons; the
	// adapter then updates the message in place with the reply.
	Action bool
	// IsAdmin is true when the sender may change chat settings (always true in private chats).
	IsAdmin bool
	// Call is the text read as a command, set by the bot once per message (adapters
	// leave it nil); nil when the text is not a command.
	Call *Call
}

// ChatKey identifies a chat across platforms.
func (m *Message) ChatKey() string { return m.Platform + ":" + m.ChatID }

// Style is the emphasis of a span of reply text.
type Style int

// Span styles.
const (
	Plain Style = iota
	Bold
	Italic
	Code
)

// Span is a run of text, optionally emphasised or linked. Adapters escape Text and URL.
type Span struct {
	Text  string
	Style Style
	URL   string // when set, the span is a link to URL
}

// Block is a paragraph or a list line. Adapters put each block on its own line; an
// empty block is a blank line.
type Block struct {
	Spans []Span
}

// Button offers a follow-up action. Data is a command line the bot understands (for
// example "/timeline 2015 p2"); it fits in 64 bytes so it can ride in Telegram callback data.
type Button struct {
	Label string
	Data  string
}

// ReplyKind tells adapters what kind of reply this is, for rendering choices
// (Discord embeds for answers, for example).
type ReplyKind int

// Reply kinds.
const (
	KindInfo     ReplyKind = iota // help, topics, about, settings notices
	KindAnswer                    // an answer from the fact base, with sources
	KindNotSure                   // a refusal with suggestions
	KindTimeline                  // a page of the timeline
	KindError                     // a polite error (bad input, unknown command)
)

// Reply is what the bot says back, platform-neutral.
type Reply struct {
	Kind   ReplyKind
	Lang   knowledge.Lang
	Title  string  // optional heading (embed title on Discord, bold first line elsewhere)
	Blocks []Block // body paragraphs
	// Sources are rendered as links after the body.
	Sources []knowledge.Source
	// Footer is a short trailing line (fact id and date for answers).
	Footer string
	// Buttons are rows of buttons (paging, "did you mean" choices).
	Buttons [][]Button
	// FactID is the fact an answer is about, when there is one.
	FactID string
	// Outcome says how the message was understood and what the reply rests on; it is
	// not rendered (the CLI's JSON, metrics and the curators' log read it).
	Outcome Outcome
	// Image is a picture to show with the reply (the timeline chart); the title and
	// blocks are its caption. Adapters that cannot show pictures show the text.
	Image *Image
	// Timeline is the range a timeline reply (list or chart) shows, so that an
	// adapter can link to the same range elsewhere (the web companion).
	Timeline *knowledge.TimelineFilter
	// Quiz is the open quiz question a reply shows, as data: an adapter can show it
	// natively (a Telegram quiz poll) and metrics can count rounds, without reading the
	// buttons back.
	Quiz *QuizCard
}

// QuizCard is an open quiz question carried by a reply.
type QuizCard struct {
	QuizPoll
	// Started is true when this reply opened the round (/quiz), false when it shows
	// the round again (an answer in a group, a refused reveal).
	Started bool
}

// QuizPoll is a quiz question ready for a platform's native quiz (Telegram sendPoll
// with type=quiz): the adapter sends it instead of rendering the buttons, and reports
// each poll answer to the quiz feature (bot/study).
type QuizPoll struct {
	RoundID  int64
	Question string
	Options  []string
	Correct  int
	// Explanation fits Telegram's 200-character limit and cites the source.
	Explanation string
}

// Act is how the bot understood a message.
type Act string

// Acts, as published in `ask --json` (a contract).
const (
	ActQuestion     Act = "question"      // a question matched on its own
	ActFollowUp     Act = "followup"      // a question resolved against the chat's last answer
	ActSmallTalk    Act = "smalltalk"     // a greeting, thanks, laughter or acknowledgement
	ActCommand      Act = "command"       // a slash command or a button
	ActQuizAnswer   Act = "quiz_answer"   // an answer to the chat's open quiz, typed as a letter
	ActLastAnswer   Act = "last_answer"   // sources, a citation or more of the last answer, asked in words
	ActOpinion      Act = "opinion"       // a request for a judgement, a prediction or an essay
	ActOffTopic     Act = "offtopic"      // outside the fact base's field
	ActUnknownThing Act = "unknown_thing" // asks about something the base knows does not exist
)

// Outcome is the decision behind a reply.
type Outcome struct {
	Act Act
	// FactIDs are every fact the reply answers from, in order (several for a composed
	// or comparison answer).
	FactIDs []string
	// Score is the matcher's score of the best candidate (0 when it was not consulted).
	Score float64
	// Suggested are the facts offered instead of an answer, best first.
	Suggested []string
}

// Image is a picture attached to a reply.
type Image struct {
	Name          string // file name, "timeline-2013-2021-en.png"
	MIME          string // "image/png"
	Data          []byte // shared, never modified: adapters scale into a copy
	Width, Height int    // pixels
	Alt           string // a text alternative
}

// Handler answers one message. A nil reply means "stay silent".
type Handler interface {
	Handle(ctx context.Context, m *Message) *Reply
}

// HandlerFunc adapts a function to Handler.
type HandlerFunc func(ctx context.Context, m *Message) *Reply

// Handle calls f.
func (f HandlerFunc) Handle(ctx context.Context, m *Message) *Reply { return f(ctx, m) }

// Middleware wraps a Handler, the way net/http middleware wraps an http.Handler.
type Middleware func(Handler) Handler

// Feature is a part of the bot that plugs into the core: its commands, and the rules
// it applies around the router to every message that reaches it (nil for none). The
// study features and the glossary are features; Options.Features adds more.
type Feature interface {
	Commands() []Command
	Middleware() Middleware
}

// Chain applies middlewares so that the first one listed runs first.
func Chain(h Handler, mws ...Middleware) Handler {
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	return h
}
