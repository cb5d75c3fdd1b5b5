package bot

import (
	"fmt"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// msg is one bot text in both languages. Format verbs are filled by fmt.Sprintf.
type msg struct{ en, id string }

// catalog holds every text the bot and its front ends say in a chat that does not
// come from the fact base, in both languages: the core's texts, each feature's table
// (the study features' in catalog_study.go: a feature outside the package cannot add
// to a read-only table) and the few sentences an adapter says itself (frontText),
// looked up by one function, Text. It is read-only after initialisation.
var catalog = mergeTexts(coreText, studyText, reloadText, frontText, chartText)

// mergeTexts joins text tables; a key in two tables is a programming error.
func mergeTexts(tables ...map[string]msg) map[string]msg {
	out := map[string]msg{}
	for _, t := range tables {
		for k, m := range t {
			if _, dup := out[k]; dup {
				panic("bot: text " + k + " is in two tables")
			}
			out[k] = m
		}
	}
	return out
}

// coreText are the texts of the core: answers, browsing, settings, errors.
var coreText = map[string]msg{
	"start.hello": {
		"Hello%s! I answer questions about UN cyber diplomacy — the GGEs, the OEWGs, the 11 norms, international law in cyberspace, the cybercrime convention and the timeline 1998–2026 — with short, sourced answers in English and Bahasa Indonesia.",
		"Halo%s! Saya menjawab pertanyaan tentang diplomasi siber PBB — GGE, OEWG, 11 norma, hukum internasional di ruang siber, konvensi kejahatan siber, dan linimasa 1998–2026 — dengan jawaban singkat bersumber dalam bahasa Indonesia dan Inggris.",
	},
	"thanks":      {"You're welcome! Ask me anything else about UN cyber diplomacy.", "Sama-sama! Silakan tanyakan hal lain tentang diplomasi siber PBB."},
	"start.try":   {"Just ask, for example:", "Tanyakan saja, misalnya:"},
	"start.more":  {"/help lists the commands; /lang id switches to Indonesian.", "/bantuan menampilkan daftar perintah; /lang en beralih ke bahasa Inggris."},
	"help.title":  {"Commands", "Perintah"},
	"help.group":  {"In a group, use /ask <question>, mention me, or reply to one of my messages; I stay quiet otherwise.", "Di grup, gunakan /tanya <pertanyaan>, sebut (mention) saya, atau balas pesan saya; selain itu saya diam."},
	"help.priv":   {"In a private chat, any message is a question.", "Di obrolan pribadi, setiap pesan dianggap pertanyaan."},
	"help.alias":  {"also", "juga"},
	"about.title": {"About cyberdiplo", "Tentang cyberdiplo"},
	"about.what": {
		"cyberdiplo is a study aid for international-relations students and lecturers. It answers questions about UN cyber diplomacy from a curated base of %d facts; it does not generate text, so when it is not sure it says so.",
		"cyberdiplo adalah alat bantu belajar bagi mahasiswa dan dosen hubungan internasional. Ia menjawab pertanyaan tentang diplomasi siber PBB dari basis %d fakta yang dikurasi; ia tidak mengarang teks, jadi bila ragu ia akan mengatakannya.",
	},
	"about.sources": {
		"Every fact is checked against a source and linked to it: UN documents on the UN's official document system (docs.un.org), then official pages of the bodies concerned (UNODA, UNODC, Council of Europe, governments) and well-known trackers.",
		"Setiap fakta diperiksa terhadap sumbernya dan ditautkan: dokumen PBB di sistem dokumen resmi PBB (docs.un.org), lalu halaman resmi lembaga terkait (UNODA, UNODC, Dewan Eropa, pemerintah) dan pemantau yang dikenal luas.",
	},
	"about.report": {
		"Found an error? Report it with the fact id (shown under each answer, e.g. /fact <id>) at %s.",
		"Menemukan kesalahan? Laporkan beserta id faktanya (tertera di bawah setiap jawaban, mis. /fact <id>) di %s.",
	},
	"about.reportcmd": {"Or tell the curators right here: /report <what is wrong>.", "Atau sampaikan langsung ke kurator di sini: /lapor <apa yang salah>."},
	"ask.usage":       {"Ask me a question after the command, for example: /ask %s", "Tulis pertanyaan setelah perintah, misalnya: /tanya %s"},
	"ask.example":     {"What is the OEWG?", "Apa itu OEWG?"},
	"empty":           {"Send me a question about UN cyber diplomacy, or /help for the commands.", "Kirim pertanyaan tentang diplomasi siber PBB, atau /bantuan untuk daftar perintah."},
	"too_long":        {"That message is too long for me (%d characters; the limit is %d). Please ask one short question at a time.", "Pesan itu terlalu panjang (%d karakter; batasnya %d). Silakan ajukan satu pertanyaan singkat setiap kali."},
	"unreadable":      {"I could not read that message: it is not plain text.", "Saya tidak dapat membaca pesan itu: isinya bukan teks biasa."},
	"internal":        {"Sorry, something went wrong on my side. Please try again.", "Maaf, terjadi kesalahan di pihak saya. Silakan coba lagi."},
	"internal.id":     {"(error id %s)", "(id kesalahan %s)"},
	"notsure":         {"I'm not sure I can answer that correctly, and I'd rather not guess.", "Saya tidak yakin dapat menjawabnya dengan benar, dan saya tidak mau menebak."},
	"askback": {
		"About what? There is no earlier answer in this chat to follow on from: name the subject, e.g. \"who chaired the first OEWG?\"",
		"Tentang apa? Belum ada jawaban sebelumnya di obrolan ini untuk dilanjutkan: sebutkan topiknya, mis. \"siapa ketua OEWG pertama?\"",
	},
	"notsure.didyou":   {"Did you mean one of these?", "Mungkin maksud Anda salah satu ini?"},
	"notsure.rephrase": {"Try rephrasing, or see /topics.", "Coba ubah kalimatnya, atau lihat /topik."},
	"offtopic": {
		"That is outside what I know. I only answer questions about UN cyber diplomacy: the GGEs and OEWGs, the 11 norms, international law in cyberspace, the cybercrime convention and the timeline 1998–2026.",
		"Itu di luar pengetahuan saya. Saya hanya menjawab pertanyaan tentang diplomasi siber PBB: GGE dan OEWG, 11 norma, hukum internasional di ruang siber, konvensi kejahatan siber, dan linimasa 1998–2026.",
	},
	"offtopic.try":    {"You could ask, for example:", "Anda bisa bertanya, misalnya:"},
	"answer.asof":     {"(as of %s)", "(per %s)"},
	"claim.no":        {"No — %s", "Bukan — %s"},
	"claim.yes":       {"Yes — %s", "Ya — %s"},
	"answer.related":  {"Related", "Terkait"},
	"answer.footer":   {"fact %s", "fakta %s"},
	"sources":         {"Sources", "Sumber"},
	"source.none":     {"There is no answer in this chat yet. Ask a question first, then /source shows where the answer comes from.", "Belum ada jawaban di obrolan ini. Ajukan pertanyaan dulu, lalu /sumber menampilkan asal jawabannya."},
	"source.title":    {"Sources for: %s", "Sumber untuk: %s"},
	"fact.usage":      {"Give a fact id, for example: /fact %s", "Tulis id fakta, misalnya: /fakta %s"},
	"fact.unknown":    {"I have no fact with the id “%s”.", "Tidak ada fakta dengan id “%s”."},
	"fact.didyou":     {"Did you mean:", "Mungkin maksud Anda:"},
	"fact.browse":     {"See /topics or /timeline to browse the facts.", "Lihat /topik atau /linimasa untuk menjelajahi fakta."},
	"lang.set":        {"OK, I will reply in English in this chat.", "Baik, saya akan membalas dalam bahasa Indonesia di obrolan ini."},
	"lang.usage":      {"Choose the reply language: /lang en or /lang id. Now: %s.", "Pilih bahasa balasan: /bahasa id atau /bahasa en. Sekarang: %s."},
	"lang.auto":       {"the language of each question", "bahasa setiap pertanyaan"},
	"lang.en":         {"English", "bahasa Inggris"},
	"lang.id":         {"Indonesian", "bahasa Indonesia"},
	"lang.auto.set":   {"OK, I will reply in the language of each question.", "Baik, saya akan membalas dalam bahasa setiap pertanyaan."},
	"admin.only":      {"Only chat admins can change this setting here.", "Hanya admin obrolan yang dapat mengubah pengaturan ini di sini."},
	"lang.admin":      {"Only a group admin can change the language of this chat.", "Hanya admin grup yang dapat mengubah bahasa obrolan ini."},
	"topics.title":    {"Topics", "Topik"},
	"topics.line":     {"%s — %d facts", "%s — %d fakta"},
	"topics.line.one": {"%s — 1 fact", "%s — 1 fakta"},
	"topics.hint":     {"Filter the timeline by topic: /timeline <topic>, e.g. /timeline %s.", "Saring linimasa menurut topik: /linimasa <topik>, mis. /linimasa %s."},
	"timeline.title":  {"Timeline", "Linimasa"},
	"timeline.page":   {"page %d of %d · %d events", "halaman %d dari %d · %d peristiwa"},
	"timeline.none":   {"No events in the timeline for %s.", "Tidak ada peristiwa di linimasa untuk %s."},
	"timeline.usage":  {"Use /timeline [year | from-to | topic] [page], e.g. /timeline 2015, /timeline 2015-2021, /timeline oewg, /timeline 2015 p2.", "Gunakan /linimasa [tahun | dari-sampai | topik] [halaman], mis. /linimasa 2015, /linimasa 2015-2021, /linimasa oewg, /linimasa 2015 p2."},
	"timeline.bad":    {"I did not understand “%s”.", "Saya tidak memahami “%s”."},
	"timeline.nopage": {"There is no page %d; the last page is %d.", "Tidak ada halaman %d; halaman terakhir adalah %d."},
	"timeline.prev":   {"◀ Previous", "◀ Sebelumnya"},
	"timeline.next":   {"Next ▶", "Berikutnya ▶"},
	"unknown.cmd":     {"I don't know the command /%s.", "Saya tidak mengenal perintah /%s."},
	"unknown.near":    {"Did you mean /%s?", "Mungkin maksud Anda /%s?"},
	"unknown.help":    {"/help lists what I can do.", "/bantuan menampilkan apa yang bisa saya lakukan."},
	// The glossary (bot/glossary).
	"define.title":     {"Glossary", "Glosarium"},
	"define.list":      {"%d terms. Pick one, or type %s <term>:", "%d istilah. Pilih salah satu, atau ketik %s <istilah>:"},
	"define.page":      {"page %d of %d", "halaman %d dari %d"},
	"define.nopage":    {"There is no page %d of the glossary; it has %d.", "Tidak ada halaman %d di glosarium; jumlahnya %d."},
	"define.empty":     {"The glossary has no terms yet.", "Glosarium belum berisi istilah."},
	"define.unknown":   {"“%s” is not in the glossary.", "“%s” tidak ada di glosarium."},
	"define.didyou":    {"The nearest terms:", "Istilah terdekat:"},
	"define.browse":    {"/define alone lists every term.", "/istilah tanpa argumen menampilkan semua istilah."},
	"define.fact":      {"The fact base has an entry on it, though:", "Namun basis fakta punya entri tentangnya:"},
	"define.corrected": {"Showing “%s” for “%s”.", "Menampilkan “%s” untuk “%s”."},
	"define.more":      {"In more depth:", "Lebih lengkap:"},
	// understand.go
	"unknown.year":     {"I know of no %s that met in %d, and I would rather say so than answer about a neighbour. The %ss in my base: %s.", "Saya tidak mengetahui adanya %s yang bersidang pada %d, dan saya lebih baik mengatakannya daripada menjawab tentang hal lain. %s yang ada di basis saya: %s."},
	"unknown.ordinal":  {"I know of no %s number %d: my base has %d of them. The %ss: %s.", "Saya tidak mengetahui adanya %s ke-%d: basis saya mencatat %d. %s tersebut: %s."},
	"unknown.norm":     {"There is no norm number %d: the 2015 GGE report (A/70/174, para. 13) lists %d norms, 13(a) to 13(k).", "Tidak ada norma nomor %d: laporan GGE 2015 (A/70/174, paragraf 13) memuat %d norma, 13(a) sampai 13(k)."},
	"unknown.symbol":   {"I have no UN document %s in my base, so I cannot tell you what it says, or confirm that it exists. You can check it on the UN's document system: %s", "Tidak ada dokumen PBB %s di basis saya, jadi saya tidak bisa menjelaskan isinya atau memastikan dokumen itu ada. Anda bisa memeriksanya di sistem dokumen PBB: %s"},
	"unknown.name":     {"I know of no “%s”, and I would rather say so than answer about a different instrument.", "Saya tidak mengetahui adanya “%s”, dan saya lebih baik mengatakannya daripada menjawab tentang instrumen lain."},
	"composed.title":   {"There were %d %ss; each in a line:", "Ada %d %s; masing-masing dalam satu baris:"},
	"composed.chair":   {"chaired by %s.", "diketuai %s."},
	"composed.deeper":  {"Pick one to go deeper.", "Pilih salah satu untuk penjelasan lengkap."},
	"likely":           {"I read your question as being about: %s. If you meant something else, try a button below.", "Saya membaca pertanyaan Anda sebagai tentang: %s. Bila maksudnya lain, coba tombol di bawah."},
	"likely.neighbour": {"That is how I read your question. If you meant “%s”, see /fact %s.", "Begitu saya membaca pertanyaan Anda. Bila maksudnya “%s”, lihat /fact %s."},
	"compare.title":    {"Side by side: %s / %s", "Berdampingan: %s / %s"},
	"compare.first":    {"%s came first; then %s.", "%s lebih dulu; kemudian %s."},
	"compare.dated":    {"%s (%s)", "%s (%s)"},
	"unknown.nearest":  {"The nearest real ones:", "Yang nyata dan paling dekat:"},
	"bye":              {"Bye! Come back whenever you have a question.", "Sampai jumpa! Kembali saja kapan pun ada pertanyaan."},
	"ack":              {"👍 Ask me anything else about UN cyber diplomacy whenever you like.", "👍 Silakan tanya lagi soal diplomasi siber PBB kapan saja."},
	"opinion":          {"I report facts with their sources; I don't give opinions or predictions.", "Saya menyampaikan fakta beserta sumbernya; saya tidak memberi opini atau prediksi."},
	"opinion.facts":    {"These facts bear on your question:", "Fakta-fakta ini berkaitan dengan pertanyaan Anda:"},
	"writing":          {"I don't write essays or assignments, but every fact I give comes with sources you can cite (/cite).", "Saya tidak menulis esai atau tugas, tetapi setiap fakta yang saya berikan disertai sumber yang bisa Anda kutip (/cite)."},
	"request.none":     {"There is no answer in this chat yet. Ask a question first; then I can give its sources, a citation or more.", "Belum ada jawaban di obrolan ini. Ajukan pertanyaan dulu; setelah itu saya bisa memberi sumber, kutipan, atau penjelasan lanjutan."},
	"more.title":       {"More on: %s", "Lebih lanjut: %s"},
	"more.none":        {"That is all I hold on this; /source shows where it comes from.", "Hanya itu yang saya punya tentang ini; /sumber menampilkan asalnya."},
	"more.pick":        {"Related facts:", "Fakta terkait:"},
}

// Keys of the texts the front ends say themselves, for Text. An adapter says these
// when the brain is not asked (an expired button) or cannot answer (a failure).
const (
	TextInternal      = "internal"        // something went wrong on our side
	TextButtonExpired = "button.expired"  // a button from before a restart or an older version
	TextNotYours      = "button.notyours" // paging a reply only its asker may page
	TextNothing       = "nothing"         // a reply with nothing to show
	TextSources       = "sources"         // the heading of a reply's source links
	TextReadMore      = "web.readmore"    // the link from an answer to its fact's page on the web
	TextTimelineWeb   = "web.timeline"    // the link from a timeline reply to the same range on the web
	TextFloodNotice   = "flood.notice"    // bot/limit's one notice to a flooder: %d is seconds to wait
	TextConsoleHello  = "console.hello"   // the console's banner before its first prompt
)

// frontText are the sentences adapters say themselves (see the Text* keys).
var frontText = map[string]msg{
	TextButtonExpired: {"This button has expired. Please send the command again.", "Tombol ini sudah kedaluwarsa. Kirim perintahnya lagi."},
	TextNotYours:      {"Only the person who asked can turn these pages. Run the command yourself to get your own copy.", "Hanya penanya yang bisa membalik halaman ini. Jalankan perintahnya sendiri untuk salinanmu."},
	TextNothing:       {"Nothing to show.", "Tidak ada yang bisa ditampilkan."},
	TextReadMore:      {"Read more, with sources and citations", "Selengkapnya, dengan sumber dan sitasi"},
	TextTimelineWeb:   {"This timeline on the web", "Linimasa ini di web"},
	TextFloodNotice: {
		"Slow down, please: too many messages at once. I'll answer again in about %d s.",
		"Pelan-pelan, ya: terlalu banyak pesan sekaligus. Saya akan menjawab lagi dalam sekitar %d detik.",
	},
	TextConsoleHello: {
		"cyberdiplo — UN cyber diplomacy, sourced answers in English and Bahasa Indonesia.\nType a question or /help; /quit or Ctrl-D to leave.",
		"cyberdiplo — diplomasi siber PBB, jawaban bersumber dalam bahasa Indonesia dan Inggris.\nKetik pertanyaan atau /bantuan; /quit atau Ctrl-D untuk keluar.",
	},
}

// Text returns the catalogue entry key in lang (English unless lang is Indonesian),
// formatted with args. It is the one lookup of the bot's texts; adapters call it with
// the Text* keys.
func Text(lang knowledge.Lang, key string, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		// A missing key is a programming error; show the key rather than crash a chat.
		return key
	}
	s := m.en
	if lang == knowledge.ID {
		s = m.id
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// text is Text under the short name the package's handlers use.
func text(lang knowledge.Lang, key string, args ...any) string { return Text(lang, key, args...) }
