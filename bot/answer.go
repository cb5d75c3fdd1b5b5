package bot

import (
	"context"
	"slices"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Limits of what a reply offers.
const (
	maxSuggestions    = 3
	maxRelated        = 3
	maxButtonData     = 64 // Telegram callback data is 1–64 bytes
	maxButtonLabel    = 60
	exampleCount      = 3
	questionCommand   = "ask"
	questionCommandID = "tanya"
)

// handleQuestion answers free text (private chats, mentions, replies) and /ask.
func (b *Bot) handleQuestion(ctx context.Context, m *Message) *Reply {
	lang, src := LangFrom(ctx)
	q := Args(m)
	if q == "" {
		return &Reply{Kind: KindInfo, Lang: lang, Blocks: []Block{para(text(lang, "ask.usage", text(lang, "ask.example")))}}
	}
	reply, _ := b.answer(b.kb(ctx), parsedFrom(ctx, b.kb(ctx), q), lang, src)
	return reply
}

// RememberAnswer is the one place where a message's answer becomes the chat's last
// answer (for /source, /cite, /report and follow-ups): an answer to a question, or
// to a command that sets it (Command.SetsLastAnswer). Failures only cost those.
func (b *Bot) RememberAnswer(next Handler) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
		reply := next.Handle(ctx, m)
		if reply == nil || reply.Kind != KindAnswer || reply.FactID == "" {
			return reply
		}
		if c := m.Call; c == nil || c.Command != nil && c.Command.SetsLastAnswer {
			b.rememberAnswer(ctx, m.ChatKey(), reply.FactID)
		}
		return reply
	})
}

func (b *Bot) rememberAnswer(ctx context.Context, chatKey, factID string) {
	last := LastAnswer{FactID: factID, At: b.now()}
	if err := b.store.UpdateChat(ctx, chatKey, func(c *Chat) { c.Last = last }); err != nil {
		b.log.Warn("saving the last answer", "chat", chatKey, "err", err)
	}
}

// answerReply renders a fact: its answer, its sources and its related facts.
func (b *Bot) answerReply(kb *view, f *knowledge.Fact, lang knowledge.Lang) *Reply {
	r := &Reply{
		Kind:    KindAnswer,
		Lang:    lang,
		Title:   f.Title(lang),
		FactID:  f.ID,
		Blocks:  []Block{para(f.Answer(lang))},
		Sources: append([]knowledge.Source(nil), f.Sources...),
	}
	if f.AsOf != "" {
		r.Blocks = append(r.Blocks, Block{Spans: []Span{{Text: text(lang, "answer.asof", f.AsOf), Style: Italic}}})
	}
	footer := text(lang, "answer.footer", f.ID)
	if f.Date != "" {
		footer += " · " + f.Date
	}
	r.Footer = footer
	var related []*knowledge.Fact
	for _, id := range f.Related {
		if rf, ok := kb.base.Get(id); ok && len(related) < maxRelated {
			related = append(related, rf)
		}
	}
	r.Buttons = factButtons(related, lang)
	return r
}

// factButtons offers facts as "/fact <id>" buttons, one per row.
func factButtons(facts []*knowledge.Fact, lang knowledge.Lang) [][]Button {
	var rows [][]Button
	for _, f := range facts {
		data := "/fact " + f.ID
		if len(data) > maxButtonData {
			continue
		}
		rows = append(rows, []Button{{Label: truncateRunes(f.Title(lang), maxButtonLabel), Data: data}})
	}
	return rows
}

// notSureReply is the honest refusal with up to three suggestions.
func (b *Bot) notSureReply(suggestions []*knowledge.Fact, lang knowledge.Lang) *Reply {
	r := &Reply{Kind: KindNotSure, Lang: lang, Blocks: []Block{para(text(lang, "notsure"))}}
	if len(suggestions) > maxSuggestions {
		suggestions = suggestions[:maxSuggestions]
	}
	if len(suggestions) == 0 {
		r.Blocks = append(r.Blocks, para(text(lang, "notsure.rephrase")))
		return r
	}
	r.Blocks = append(r.Blocks, para(text(lang, "notsure.didyou")))
	r.Buttons = factButtons(suggestions, lang)
	return r
}

// offTopicReply says what the bot is for and offers example questions.
func (b *Bot) offTopicReply(kb *view, lang knowledge.Lang) *Reply {
	r := &Reply{Kind: KindNotSure, Lang: lang, Blocks: []Block{para(text(lang, "offtopic"))}}
	examples := b.examples(kb, lang)
	if len(examples) == 0 {
		return r
	}
	r.Blocks = append(r.Blocks, para(text(lang, "offtopic.try")))
	r.Blocks, r.Buttons = appendExamples(r.Blocks, r.Buttons, examples, lang)
	return r
}

// appendExamples offers example questions as buttons ("/ask …", "/tanya …" in
// Indonesian so that pressing one keeps the language), or as lines when one is too long
// to ride in a button.
func appendExamples(blocks []Block, buttons [][]Button, examples []string, lang knowledge.Lang) ([]Block, [][]Button) {
	cmd := "/" + questionCommand + " "
	if lang == knowledge.ID {
		cmd = "/" + questionCommandID + " "
	}
	for _, q := range examples {
		if data := cmd + q; len(data) <= maxButtonData {
			buttons = append(buttons, []Button{{Label: truncateRunes(q, maxButtonLabel), Data: data}})
			continue
		}
		blocks = append(blocks, Block{Spans: []Span{{Text: "• "}, {Text: q, Style: Italic}}})
	}
	return blocks, buttons
}

// preferredExamples are facts whose first phrasing makes a good first question; those
// present in the base are offered first.
var preferredExamples = []string{"gge-overview", "norms-11-overview", "cybercrime-convention", "oewg-vs-gge", "global-mechanism"}

// exampleTopics are the shelves further example questions are drawn from, most asked first.
var exampleTopics = []string{"gge", "norms", "oewg", "cybercrime", "law", "mechanism", "resolutions", "origins"}

// examples returns up to exampleCount curated questions on different subjects, the same
// ones every time for a given base.
func (b *Bot) examples(kb *view, lang knowledge.Lang) []string {
	var out []string
	used := map[string]bool{}
	take := func(f *knowledge.Fact) {
		if len(out) < exampleCount && !used[f.ID] && len(f.Questions(lang)) > 0 {
			used[f.ID] = true
			out = append(out, f.Questions(lang)[0])
		}
	}
	for _, id := range preferredExamples {
		if f, ok := kb.base.Get(id); ok {
			take(f)
		}
	}
	// Then one overview-like fact per topic: bodies and concepts read better as first
	// questions than individual sessions or corrections.
	for _, kinds := range [][]knowledge.Kind{{knowledge.KindBody, knowledge.KindConcept}, {knowledge.KindDocument, knowledge.KindEvent, knowledge.KindNorm}} {
		for _, t := range exampleTopics {
			for _, f := range kb.base.Facts() {
				if len(out) == exampleCount {
					return out
				}
				if f.HasTopic(t) && slices.Contains(kinds, f.Kind) && !used[f.ID] {
					take(f)
					break
				}
			}
		}
	}
	return out
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
