package discord

import (
	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The few sentences the adapter says itself (everything else comes from the brain).
type msgKey int

const (
	msgInternal msgKey = iota
	msgNotYours
	msgExpired
	msgNothing
)

var texts = map[msgKey][2]string{
	msgInternal: {"Sorry, something went wrong on my side. Please try again.", "Maaf, ada gangguan di pihak saya. Silakan coba lagi."},
	msgNotYours: {"Only the person who asked can turn these pages. Run the command yourself to get your own copy.", "Hanya penanya yang bisa membalik halaman ini. Jalankan perintahnya sendiri untuk salinanmu."},
	msgExpired:  {"This button has expired. Please run the command again.", "Tombol ini sudah kedaluwarsa. Silakan jalankan perintahnya lagi."},
	msgNothing:  {"Nothing to show.", "Tidak ada yang bisa ditampilkan."},
}

func say(lang knowledge.Lang, k msgKey) string {
	if lang == knowledge.ID {
		return texts[k][1]
	}
	return texts[k][0]
}

// langOf is the reply language for a Discord locale ("id", "en-US"), through the
// brain's one locale parser; the name stays for the adapter's many callers.
func langOf(locale string) knowledge.Lang { return bot.LangForLocale(locale) }

func textBlocks(s string) []bot.Block {
	return []bot.Block{{Spans: []bot.Span{{Text: s}}}}
}
