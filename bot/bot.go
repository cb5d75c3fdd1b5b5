package bot

import (
	"context"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Choice is a fact offered for selection (Discord autocomplete, Telegram inline results).
type Choice struct {
	FactID string
	Title  string
}

// CommandInfo describes a command for platform menus (Telegram setMyCommands, Discord
// slash-command registration). Descriptions are at most 100 characters.
type CommandInfo struct {
	Name          string // "ask"
	DescriptionEN string
	DescriptionID string
	// Arg names the free-text argument ("question", "id", ...), empty when none.
	Arg string
}

// Options tune the bot.
type Options struct {
	// BotName is used in help texts ("@cyberdiplo_bot"); optional.
	BotName string
}

// Bot is the shared brain. It is safe for concurrent use.
//
// TEMPORARY skeleton: the command set, conversation rules and reply composition of
// issue #2 §3 replace the bodies below.
type Bot struct {
	base    *knowledge.Base
	matcher *knowledge.Matcher
	opts    Options
}

// New builds a bot over a fact base and its matcher.
func New(base *knowledge.Base, matcher *knowledge.Matcher, opts Options) *Bot {
	return &Bot{base: base, matcher: matcher, opts: opts}
}

// Handle answers one message; nil means stay silent.
func (b *Bot) Handle(ctx context.Context, m *Message) *Reply {
	if !m.Addressed {
		return nil
	}
	r := b.matcher.Match(m.Text, knowledge.EN)
	if !r.Answered {
		return &Reply{Kind: KindNotSure, Lang: r.Lang, Blocks: []Block{{Spans: []Span{{Text: "Not sure."}}}}}
	}
	return b.FactReply(r.Best.Fact.ID, r.Lang)
}

// FactReply renders one fact as an answer; nil when the id is unknown.
func (b *Bot) FactReply(id string, lang knowledge.Lang) *Reply {
	f, ok := b.base.Get(id)
	if !ok {
		return nil
	}
	return &Reply{Kind: KindAnswer, Lang: lang, Title: f.Title(lang), FactID: f.ID,
		Blocks: []Block{{Spans: []Span{{Text: f.Answer(lang)}}}}, Sources: f.Sources}
}

// Suggest offers facts for a partial input, best first.
func (b *Bot) Suggest(query string, lang knowledge.Lang, limit int) []Choice {
	var out []Choice
	for _, f := range b.matcher.Complete(query, lang, limit) {
		out = append(out, Choice{FactID: f.ID, Title: f.Title(lang)})
	}
	return out
}

// Commands lists the commands for platform menus.
func (b *Bot) Commands() []CommandInfo {
	return []CommandInfo{{Name: "ask", DescriptionEN: "Ask a question", DescriptionID: "Ajukan pertanyaan", Arg: "question"}}
}
