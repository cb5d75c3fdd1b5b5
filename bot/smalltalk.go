package bot

import (
	"strings"
	"unicode"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Greetings and thanks get a friendly word instead of the off-topic note: they are
// how many conversations start and end, not questions the bot failed to understand.
var (
	greetings = map[string]knowledge.Lang{
		"hi": "", "hello": knowledge.EN, "hey": knowledge.EN, "good morning": knowledge.EN, "good afternoon": knowledge.EN,
		"good evening": knowledge.EN, "halo": knowledge.ID, "hai": knowledge.ID, "helo": knowledge.ID, "hallo": knowledge.ID,
		"pagi": knowledge.ID, "siang": knowledge.ID, "sore": knowledge.ID, "malam": knowledge.ID,
		"selamat pagi": knowledge.ID, "selamat siang": knowledge.ID, "selamat sore": knowledge.ID, "selamat malam": knowledge.ID,
		"assalamualaikum": knowledge.ID, "permisi": knowledge.ID, "halo bot": knowledge.ID, "hi bot": knowledge.EN, "hello bot": knowledge.EN,
	}
	thanks = map[string]knowledge.Lang{
		"thanks": knowledge.EN, "thank you": knowledge.EN, "thx": knowledge.EN, "ty": knowledge.EN, "thanks a lot": knowledge.EN,
		"terima kasih": knowledge.ID, "makasih": knowledge.ID, "trims": knowledge.ID, "thanks ya": knowledge.ID,
		"terima kasih banyak": knowledge.ID, "makasih ya": knowledge.ID, "tq": knowledge.ID, "oke makasih": knowledge.ID,
	}
)

// smallTalk answers a bare greeting or thanks; nil for anything else.
func (b *Bot) smallTalk(kb *view, q string, lang knowledge.Lang, src LangSource) *Reply {
	key := strings.Join(strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " ")
	pick := func(l knowledge.Lang) knowledge.Lang {
		if src == LangChosen || l == "" {
			return lang
		}
		return l
	}
	if l, ok := greetings[key]; ok {
		l = pick(l)
		r := &Reply{Kind: KindInfo, Lang: l, Blocks: []Block{para(text(l, "start.hello", "")), para(text(l, "start.try"))}}
		r.Blocks, r.Buttons = appendExamples(r.Blocks, r.Buttons, b.examples(kb, l), l)
		return r
	}
	if l, ok := thanks[key]; ok {
		l = pick(l)
		return &Reply{Kind: KindInfo, Lang: l, Blocks: []Block{para(text(l, "thanks"))}}
	}
	return nil
}
