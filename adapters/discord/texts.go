package discord

import (
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// msgKey names one of the few sentences the adapter says itself; the words are in the
// brain's one catalogue (bot.Text), like everything else it says.
type msgKey string

const (
	msgInternal msgKey = bot.TextInternal
	msgNotYours msgKey = bot.TextNotYours
	msgExpired  msgKey = bot.TextButtonExpired
	msgNothing  msgKey = bot.TextNothing
)

func say(lang knowledge.Lang, k msgKey) string { return bot.Text(lang, string(k)) }

func textBlocks(s string) []bot.Block {
	return []bot.Block{{Spans: []bot.Span{{Text: s}}}}
}
