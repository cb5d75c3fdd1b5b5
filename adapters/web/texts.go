package web

import (
	"fmt"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// texts are the words of the companion's pages, English then Indonesian; the facts
// bring theirs, and what a page shares with the chats (headings such as "Sources",
// "Timeline") comes from the brain's catalogue (bot.Text), so the two cannot drift.
var texts = map[string][2]string{
	"site":          {"cyberdiplo — UN cyber diplomacy, with sources", "cyberdiplo — diplomasi siber PBB, bersumber"},
	"tagline":       {"Sourced answers on UN cyber diplomacy, in English and Bahasa Indonesia.", "Jawaban bersumber tentang diplomasi siber PBB, dalam bahasa Inggris dan Indonesia."},
	"nav.home":      {"Ask", "Tanya"},
	"nav.other":     {"Bahasa Indonesia", "English"},
	"ask.label":     {"Your question", "Pertanyaan Anda"},
	"ask.button":    {"Ask", "Tanya"},
	"ask.hint":      {"For example: What did the 2015 GGE report say?", "Misalnya: Apa isi laporan GGE 2015?"},
	"ask.title":     {"Answer", "Jawaban"},
	"ask.you":       {"You asked:", "Anda bertanya:"},
	"ask.empty":     {"Type a question in the box.", "Ketik pertanyaan di kotak."},
	"ask.toolong":   {"That question is too long for this box.", "Pertanyaan itu terlalu panjang untuk kotak ini."},
	"readmore":      {"Read more: the whole fact, its sources and citations", "Selengkapnya: fakta utuh, sumber, dan sitasinya"},
	"suggest":       {"Perhaps one of these:", "Mungkin salah satu ini:"},
	"fact.date":     {"Date", "Tanggal"},
	"fact.asof":     {"As of %s", "Per %s"},
	"fact.topics":   {"Topics", "Topik"},
	"fact.cite":     {"Cite", "Sitasi"},
	"fact.apa":      {"APA 7", "APA 7"},
	"fact.chicago":  {"Chicago (note)", "Chicago (catatan kaki)"},
	"fact.chicagob": {"Chicago (bibliography)", "Chicago (daftar pustaka)"},
	"fact.place":    {"On the timeline", "Di linimasa"},
	"fact.before":   {"Before:", "Sebelumnya:"},
	"fact.after":    {"After:", "Sesudahnya:"},
	"fact.year":     {"Everything in %d", "Semua pada %d"},
	"fact.symbols":  {"Documents", "Dokumen"},
	"fact.chat":     {"In the chats: /fact %s", "Di obrolan: /fakta %s"},
	"tl.from":       {"From", "Dari"},
	"tl.to":         {"To", "Sampai"},
	"tl.topic":      {"Topic", "Topik"},
	"tl.any":        {"any", "semua"},
	"tl.show":       {"Show", "Tampilkan"},
	"tl.list":       {"Events", "Peristiwa"},
	"tl.chartnote":  {"Select a marker to open its fact. The picture scrolls sideways on a narrow screen.", "Pilih penanda untuk membuka faktanya. Gambar dapat digeser ke samping di layar sempit."},
	"topics.facts":  {"%d facts", "%d fakta"},
	"topics.tl":     {"on the timeline", "di linimasa"},
	"nf.title":      {"Not found", "Tidak ditemukan"},
	"nf.body":       {"There is no page here. Try the question box or the topics.", "Tidak ada halaman di sini. Coba kotak pertanyaan atau daftar topik."},
	"nf.fact":       {"There is no fact with the id “%s”.", "Tidak ada fakta dengan id “%s”."},
	"slow.title":    {"Slow down, please", "Pelan-pelan, ya"},
	"slow.body":     {"Too many questions at once. Try again in about %d s.", "Terlalu banyak pertanyaan sekaligus. Coba lagi dalam sekitar %d detik."},
	"bad.title":     {"Bad request", "Permintaan tidak valid"},
	"cur.title":     {"Curators' log", "Log kurator"},
	"cur.intro":     {"Questions the bot could not answer, and /report flags, most frequent first.", "Pertanyaan yang tidak dapat dijawab bot, dan laporan /report, dari yang paling sering."},
	"cur.token":     {"Admin token", "Token admin"},
	"cur.open":      {"Open", "Buka"},
	"cur.denied":    {"This page is for the bot's operators.", "Halaman ini untuk operator bot."},
	"cur.none":      {"The curators' log is empty.", "Log kurator kosong."},
	"cur.nolog":     {"No curators' log is kept (storage.path is \":memory:\").", "Tidak ada log kurator (storage.path adalah \":memory:\")."},
	"cur.count":     {"Count", "Jumlah"},
	"cur.kind":      {"Kind", "Jenis"},
	"cur.chat":      {"Chat", "Obrolan"},
	"cur.last":      {"Last seen", "Terakhir"},
	"cur.q":         {"Question", "Pertanyaan"},
	"footer":        {"Every answer comes from a curated fact base with its sources. Nothing here is generated.", "Setiap jawaban berasal dari basis fakta terkurasi beserta sumbernya. Tidak ada yang dikarang di sini."},
}

// tr is a page text, or else the brain's text of that key.
func tr(lang knowledge.Lang, key string, args ...any) string {
	e, ok := texts[key]
	if !ok {
		return bot.Text(lang, key, args...)
	}
	s := e[0]
	if lang == knowledge.ID {
		s = e[1]
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}
