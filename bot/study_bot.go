package bot

import (
	"context"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// study is the study-group Feature: quizzes and scores, the daily
// fact, citations, follow-up questions, mute and the curators' log.
type study struct {
	b     *Bot
	store Store

	rngMu sync.Mutex
	rng   *rand.Rand // guarded by rngMu; math/rand/v2 generators are not safe for concurrent use
}

// newStudy keeps its data in the bot's store.
func newStudy(b *Bot) *study {
	seed := uint64(time.Now().UnixNano())
	// The quizzer and the follow-up names are built per fact-base snapshot (view.go).
	return &study{b: b, store: b.store, rng: rand.New(rand.NewPCG(seed, seed>>1|1))}
}

// now is the bot's clock (tests set a fake one).
func (s *study) now() time.Time { return s.b.now() }

// studyText are the texts of the study features, kept next to them (see catalog).
var studyText = map[string]msg{
	"mute.done":        {"I'll stay quiet in this chat until an admin sends /unmute.", "Saya akan diam di obrolan ini sampai admin mengirim /unmute."},
	"mute.private":     {"Muting is for groups; in a private chat just stop writing to me.", "Fitur bisu untuk grup; di obrolan pribadi cukup berhenti menulis kepada saya."},
	"unmute.done":      {"I'm back. Ask away, or try /quiz.", "Saya kembali. Silakan bertanya, atau coba /kuis."},
	"unmute.notmuted":  {"I'm not muted in this chat.", "Saya tidak sedang dibisukan di obrolan ini."},
	"quiz.title":       {"Quiz", "Kuis"},
	"quiz.none":        {"I have no quiz question for that topic yet. Topics with questions: %s.", "Belum ada soal kuis untuk topik itu. Topik yang punya soal: %s."},
	"quiz.unknowntop":  {"I don't know the topic “%s”. Topics with questions: %s.", "Saya tidak mengenal topik “%s”. Topik yang punya soal: %s."},
	"quiz.answered":    {"Answered: %s", "Sudah menjawab: %s"},
	"quiz.reveal":      {"Show the answer", "Lihat jawaban"},
	"quiz.next":        {"Next question", "Soal berikutnya"},
	"quiz.board":       {"Leaderboard", "Peringkat"},
	"quiz.correct":     {"Correct answer: %s", "Jawaban benar: %s"},
	"quiz.right":       {"Right: %s", "Benar: %s"},
	"quiz.wrong":       {"Not quite: %s", "Belum tepat: %s"},
	"quiz.nobody":      {"Nobody answered.", "Tidak ada yang menjawab."},
	"quiz.youright":    {"✅ Right!", "✅ Benar!"},
	"quiz.youwrong":    {"❌ Not quite.", "❌ Belum tepat."},
	"quiz.once":        {"You have already answered this question; one answer each counts.", "Anda sudah menjawab soal ini; setiap orang hanya dihitung satu jawaban."},
	"quiz.gone":        {"That quiz question is no longer available. Start a new one with /quiz.", "Soal kuis itu sudah tidak tersedia. Mulai soal baru dengan /kuis."},
	"quiz.answerfirst": {"Answer first — or an admin can show the answer.", "Jawab dulu — atau admin dapat menampilkan jawabannya."},
	"quiz.nosource":    {"(The fact behind this question is no longer in the base.)", "(Fakta di balik soal ini sudah tidak ada di basis.)"},
	"board.title":      {"Quiz leaderboard", "Peringkat kuis"},
	"board.empty":      {"No quiz answers in this chat yet. Start with /quiz.", "Belum ada jawaban kuis di obrolan ini. Mulai dengan /kuis."},
	"board.line":       {"%d. %s — %d of %d correct", "%d. %s — %d dari %d benar"},
	"stats.none":       {"You haven't answered a quiz question in this chat yet. Try /quiz.", "Anda belum menjawab soal kuis di obrolan ini. Coba /kuis."},
	"stats.line":       {"%s: %d of %d correct (%d%%), rank %d of %d in this chat.", "%s: %d dari %d benar (%d%%), peringkat %d dari %d di obrolan ini."},
	"stats.you":        {"You", "Anda"},
	"daily.on":         {"Daily fact is on: every day at %s (%s). Next one: %s.", "Fakta harian aktif: setiap hari pukul %s (%s). Berikutnya: %s."},
	"daily.off":        {"Daily fact is off.", "Fakta harian nonaktif."},
	"daily.status.on":  {"Daily fact: on, every day at %s (%s). /daily off switches it off.", "Fakta harian: aktif, setiap hari pukul %s (%s). /harian off untuk mematikannya."},
	"daily.status.off": {"Daily fact: off. /daily on [HH:MM] [time zone] switches it on (default 08:00 Asia/Jakarta).", "Fakta harian: nonaktif. /harian on [JJ:MM] [zona waktu] untuk mengaktifkannya (bawaan 08:00 Asia/Jakarta)."},
	"daily.usage":      {"Use /daily on [HH:MM] [time zone], e.g. /daily on 07:30 Asia/Makassar, or /daily off.", "Gunakan /harian on [JJ:MM] [zona waktu], mis. /harian on 07:30 WITA, atau /harian off."},
	"daily.badtime":    {"“%s” is not a time of day; use HH:MM, e.g. 07:30.", "“%s” bukan jam yang valid; gunakan JJ:MM, mis. 07:30."},
	"daily.badzone":    {"“%s” is not a time zone I know; use an IANA name such as Asia/Jakarta, or WIB, WITA, WIT.", "“%s” bukan zona waktu yang saya kenal; gunakan nama IANA seperti Asia/Jakarta, atau WIB, WITA, WIT."},
	"daily.title":      {"Fact of the day", "Fakta hari ini"},
	"daily.onthisday":  {"On this day in %d", "Hari ini pada %d"},
	"cite.none":        {"There is no answer in this chat yet. Ask a question, or give a fact id: /cite gge-2015-report.", "Belum ada jawaban di obrolan ini. Ajukan pertanyaan, atau tulis id fakta: /kutip gge-2015-report."},
	"cite.unknown":     {"I have no fact with the id “%s”.", "Tidak ada fakta dengan id “%s”."},
	"cite.title":       {"How to cite: %s", "Cara mengutip: %s"},
	"cite.more":        {"%d more source(s): /source lists them all.", "%d sumber lainnya: /sumber menampilkan semuanya."},
	"report.usage":     {"Tell me what is wrong after the command, e.g. /report the 2015 report date is wrong. It goes to the curators with the last answer's fact id.", "Tulis apa yang salah setelah perintah, mis. /lapor tanggal laporan 2015 salah. Laporan dikirim ke kurator beserta id fakta jawaban terakhir."},
	"report.thanks":    {"Thank you — the curators will check it.", "Terima kasih — kurator akan memeriksanya."},
	"report.failed":    {"Sorry — your report was not saved (a problem on our side). Please try again later.", "Maaf — laporan Anda tidak tersimpan (ada masalah di pihak kami). Silakan coba lagi nanti."},
}

// Middleware implements Feature.
func (s *study) Middleware() Middleware { return s.middleware }

// Commands implements Feature.
func (s *study) Commands() []Command {
	return []Command{
		{Name: "quiz", DescriptionEN: "A quiz question, optionally on one topic", DescriptionID: "Soal kuis, bisa per topik",
			AliasesID: []string{"kuis"}, Arg: "topic", UsageEN: "[topic]", UsageID: "[topik]", Handler: HandlerFunc(s.handleQuiz),
			Args:       []ArgSpec{{Name: "topic", NameID: "topik", Kind: ArgTopic, DescriptionEN: "Topic (optional)", DescriptionID: "Topik (opsional)"}},
			Visibility: VisiblePublic},
		{Name: "leaderboard", DescriptionEN: "Top 10 quiz players in this chat", DescriptionID: "10 pemain kuis teratas di obrolan ini",
			AliasesID: []string{"peringkat"}, Visibility: VisiblePublic, Handler: HandlerFunc(s.handleLeaderboard)},
		{Name: "mystats", DescriptionEN: "Your quiz score in this chat", DescriptionID: "Skor kuis Anda di obrolan ini",
			AliasesID: []string{"skorku"}, Handler: HandlerFunc(s.handleMyStats)},
		{Name: "daily", DescriptionEN: "Daily fact: /daily on [HH:MM] [zone] or /daily off", DescriptionID: "Fakta harian: /harian on [JJ:MM] [zona] atau /harian off",
			AliasesID: []string{"harian"}, Arg: "setting", AdminOnly: WithArgs, UsageEN: "on [HH:MM] [zone] | off", UsageID: "on [JJ:MM] [zona] | off", Handler: HandlerFunc(s.handleDaily),
			Args: []ArgSpec{optionalText("setting")}},
		{Name: "cite", DescriptionEN: "APA and Chicago citations of the last answer's sources", DescriptionID: "Kutipan APA dan Chicago untuk sumber jawaban terakhir",
			AliasesID: []string{"kutip"}, Arg: "id", UsageEN: "[fact id]", UsageID: "[id fakta]", Handler: HandlerFunc(s.handleCite),
			Args: []ArgSpec{{Name: "id", Kind: ArgFactID, Complete: true, MaxRunes: 100,
				DescriptionEN: "Fact id or title (start typing; optional)", DescriptionID: "Id atau judul fakta (mulai ketik; opsional)"}}},
		{Name: "report", DescriptionEN: "Report a wrong answer to the curators", DescriptionID: "Laporkan jawaban yang salah ke kurator",
			AliasesID: []string{"lapor"}, Arg: "text", UsageEN: "<what is wrong>", UsageID: "<apa yang salah>", Handler: HandlerFunc(s.handleReport),
			Args: []ArgSpec{optionalText("text")}},
		{Name: "mute", DescriptionEN: "Admins: keep the bot quiet in this group", DescriptionID: "Admin: bisukan bot di grup ini",
			AdminOnly: Always, HeardWhileMuted: true, Handler: HandlerFunc(s.handleMute)},
		{Name: "unmute", DescriptionEN: "Admins: let the bot talk again", DescriptionID: "Admin: aktifkan kembali bot",
			AdminOnly: Always, HeardWhileMuted: true, Handler: HandlerFunc(s.handleUnmute)},
	}
}

// middleware applies the study rules around every message that reaches the router:
// a muted chat hears only /unmute, a short follow-up is resolved against the chat's
// last answer, and refusals go to the curators' log. (Settings that need an admin are
// a property of their command, checked by the router.)
func (s *study) middleware(next Handler) Handler {
	return HandlerFunc(func(ctx context.Context, m *Message) *Reply {
		key := m.ChatKey()
		chat, err := s.b.chatOf(ctx, key)
		if mutedOut(chat, m) {
			return nil
		}
		question := m.Call == nil || m.Call.Canonical() == questionCommand
		asked := m.Text
		if m.Call != nil {
			asked = m.Call.Args
		}
		var reply *Reply
		followed := false
		if question && asked != "" {
			ctx, reply, m, followed = s.inChat(ctx, m, asked, m.Call != nil, chat.Last, err == nil)
		}
		if reply == nil {
			reply = next.Handle(ctx, m)
		}
		if reply == nil {
			return nil
		}
		reply.Outcome.Act = actOf(m, reply, followed)
		if m.ChatKind != Private && reply.Outcome.Act == ActSmallTalk && smallTalkIsNod(parsedFrom(ctx, s.b.kb(ctx), asked)) {
			// Laughter or an "ok" in a group, even in reply to the bot, needs no answer.
			return nil
		}
		if question && asked != "" && reply.Kind == KindNotSure {
			s.logCurator(ctx, CuratorKindOf(reply), asked, m.ChatKind)
		}
		return reply
	})
}

// mutedOut reports whether a muted chat stays silent to m: it hears only an admin's
// /mute or /unmute; members get silence, not a refusal, since the point of muting is quiet.
func mutedOut(chat Chat, m *Message) bool {
	if !chat.Muted {
		return false
	}
	mayChange := m.ChatKind == Private || m.IsAdmin
	return !mayChange || m.Call == nil || m.Call.Command == nil || !m.Call.Command.HeardWhileMuted
}

// actOf is the act of a reply as the chat sees it: any command but the question
// command is a command, and a question resolved against the last answer a follow-up.
func actOf(m *Message, reply *Reply, followed bool) Act {
	switch {
	case m.Call != nil && m.Call.Canonical() != questionCommand:
		return ActCommand
	case followed && reply.Outcome.Act == ActQuestion:
		return ActFollowUp
	}
	return reply.Outcome.Act
}

// quizWindow is how long after a quiz question a letter typed in the chat still
// answers it.
const quizWindow = time.Hour

// inChat decides the acts that depend on the chat's state: a letter answering the
// chat's open quiz, a request in words about the last answer, and a follow-up
// question, which is rewritten to name the last answer's subject (m is then a copy
// with the new text). A nil reply means the message goes on to the router.
func (s *study) inChat(ctx context.Context, m *Message, asked string, isCmd bool, last LastAnswer, known bool) (context.Context, *Reply, *Message, bool) {
	lang, _ := LangFrom(ctx)
	kb := s.b.kb(ctx)
	// The message is parsed once here; the answer and the checks after it reuse it.
	parsed := kb.snap.Matcher.Parse(asked)
	ctx = withParsed(ctx, parsed)
	u := parsed.Chat()
	if u.QuizOption >= 0 {
		if reply := s.typedQuizAnswer(ctx, m, lang, u.QuizOption); reply != nil {
			return ctx, reply, m, false
		}
	}
	if u.Chatter != knowledge.NoChatter {
		return ctx, nil, m, false
	}
	recent := known && last.FactID != "" && !last.At.IsZero() && s.now().Sub(last.At) <= FollowUpWindow
	if u.Request != knowledge.NoRequest && recent {
		if reply := s.aboutLast(ctx, asked, u.Request, last.FactID); reply != nil {
			reply.Outcome.Act = ActLastAnswer
			return ctx, reply, m, false
		}
	}
	if !recent || u.Opinion || u.Writing {
		return ctx, nil, m, false
	}
	rewritten, ok := kb.follow.Resolve(asked, kb.snap.Matcher.Read(parsed), last.FactID)
	if !ok {
		return ctx, nil, m, false
	}
	cp := *m
	cp.Text = rewritten
	if isCmd {
		cp.Text = "/" + questionCommand + " " + rewritten
		call := *m.Call
		call.Args = rewritten
		cp.Call = &call
	}
	return ctx, nil, &cp, true
}

// typedQuizAnswer answers the chat's open quiz with an option typed as a letter within
// quizWindow; nil when no quiz is open to it (the letter is then read as a question).
func (s *study) typedQuizAnswer(ctx context.Context, m *Message, lang knowledge.Lang, option int) *Reply {
	r, err := s.store.OpenQuizRound(ctx, m.ChatKey())
	if err != nil || s.now().Sub(r.CreatedAt) > quizWindow || option >= len(r.Options) {
		return nil
	}
	reply := s.answer(ctx, m, lang, r.ID, option)
	if reply == nil {
		// Already answered: say so rather than stay silent to a typed answer.
		reply = info(roundLang(r, lang), text(roundLang(r, lang), "quiz.once"))
	}
	reply.Outcome.Act = ActQuizAnswer
	return reply
}

// aboutLast answers a request in words about the last answer: its sources (/source),
// a citation (/cite) or more (its related facts).
func (s *study) aboutLast(ctx context.Context, asked string, req knowledge.Request, factID string) *Reply {
	// The reply follows the request's language ("linknya dong" in Indonesian) unless
	// the chat chose one, as answers to questions do.
	lang, src := LangFrom(ctx)
	if l, ok := knowledge.DetectLang(asked); ok && src != LangChosen {
		lang = l
	}
	kb := s.b.kb(ctx)
	f, ok := kb.base.Get(factID)
	if !ok {
		return nil
	}
	switch req {
	case knowledge.WantSources:
		return &Reply{Kind: KindInfo, Lang: lang, FactID: f.ID, Title: text(lang, "source.title", f.Title(lang)),
			Sources: append([]knowledge.Source(nil), f.Sources...), Footer: text(lang, "answer.footer", f.ID)}
	case knowledge.WantCitation:
		return citeReply(f, lang)
	}
	r := &Reply{Kind: KindInfo, Lang: lang, FactID: f.ID, Title: text(lang, "more.title", f.Title(lang))}
	var related []*knowledge.Fact
	for _, id := range f.Related {
		if rf, ok := kb.base.Get(id); ok && len(related) < maxRelated {
			related = append(related, rf)
		}
	}
	if len(related) == 0 {
		r.Blocks = []Block{para(text(lang, "more.none"))}
		return r
	}
	// The first related fact in full, the others as buttons: "more" wants reading, not a menu.
	first := related[0]
	r.Blocks = []Block{{Spans: []Span{{Text: first.Title(lang), Style: Bold}}}, para(first.Answer(lang))}
	r.Sources = append([]knowledge.Source(nil), first.Sources...)
	if len(related) > 1 {
		r.Blocks = append(r.Blocks, para(text(lang, "more.pick")))
		r.Buttons = factButtons(related[1:], lang)
	}
	r.Outcome.FactIDs = []string{first.ID}
	return r
}

// smallTalkIsNod reports whether q is laughter or an acknowledgement (not a greeting,
// thanks or goodbye, which deserve a word back even in a group).
func smallTalkIsNod(q *knowledge.Question) bool {
	c := q.Chat().Chatter
	return c == knowledge.Laughter || c == knowledge.Ack
}

// CuratorKindOf tells a low-confidence refusal (it offers facts, Outcome.Suggested)
// from a plain one, for the curators' log of any front end.
func CuratorKindOf(r *Reply) CuratorKind {
	if len(r.Outcome.Suggested) > 0 {
		return CuratorLowConfidence
	}
	return CuratorRefused
}

// maxCuratorRunes bounds a logged question.
const maxCuratorRunes = 300

// normaliseQuestion lowercases and collapses a question for the curators' log, so the
// same question asked twice is counted once.
func normaliseQuestion(q string) string {
	q = strings.ToLower(strings.Join(strings.Fields(q), " "))
	q = strings.Trim(q, " ?!.,;:")
	if utf8.RuneCountInString(q) > maxCuratorRunes {
		q = string([]rune(q)[:maxCuratorRunes])
	}
	return q
}

func (s *study) logCurator(ctx context.Context, kind CuratorKind, q string, chatKind ChatKind) error {
	q = normaliseQuestion(q)
	if q == "" {
		return nil
	}
	if err := s.store.LogCurator(ctx, kind, q, chatKind.String(), s.now()); err != nil {
		s.b.log.Warn("writing the curators' log", "err", err)
		return err
	}
	return nil
}

func (s *study) handleMute(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	if m.ChatKind == Private {
		return info(lang, text(lang, "mute.private"))
	}
	if err := s.store.UpdateChat(ctx, m.ChatKey(), func(c *Chat) { c.Muted = true }); err != nil {
		s.b.log.Warn("muting", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	return info(lang, text(lang, "mute.done"))
}

func (s *study) handleUnmute(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	was := false
	if err := s.store.UpdateChat(ctx, m.ChatKey(), func(c *Chat) { was, c.Muted = c.Muted, false }); err != nil {
		s.b.log.Warn("unmuting", "chat", m.ChatKey(), "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	if !was {
		return info(lang, text(lang, "unmute.notmuted"))
	}
	return info(lang, text(lang, "unmute.done"))
}

func (s *study) handleReport(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	what := Args(m)
	if what == "" {
		return info(lang, text(lang, "report.usage"))
	}
	if c, err := s.b.chatOf(ctx, m.ChatKey()); err == nil && c.Last.FactID != "" {
		what = "[" + c.Last.FactID + "] " + what
	}
	if s.logCurator(ctx, CuratorReport, what, m.ChatKind) != nil {
		// Thanking the user would promise a report nobody will see.
		return errorReply(lang, text(lang, "report.failed"))
	}
	return info(lang, text(lang, "report.thanks"))
}
