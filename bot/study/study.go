// Package study is the study-group Feature of the bot: quizzes and scores
// (quiz.go), the daily fact (daily.go), citations (cite.go), mute, the curators' log
// and /report (curators.go), and the middleware that reads a message against the
// chat's state: a typed quiz answer, a request about the last answer, a follow-up
// question (middleware.go). Its data is kept in the bot's Store; the pure parts are
// bot/daily and bot/followup.
package study

import (
	"context"
	"log/slog"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/followup"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Options tune the study features.
type Options struct {
	// DailyLease is how long a daily-fact claim stands unconfirmed before another
	// replica may send that fact instead; 0 means bot.DefaultDailyLease.
	DailyLease time.Duration
	// Rand draws the quiz questions; nil means one seeded from the time. Tests fix it.
	Rand *rand.Rand
}

// Feature is the study features as a bot.Feature. It is usable once bot.New has
// attached it to a core (Options.Features); the main program keeps it to run the daily
// fact (RunDaily), and the Telegram adapter finds it among the bot's features for
// native quiz polls.
type Feature struct {
	b     *bot.Bot
	store bot.Store
	opts  Options

	rngMu sync.Mutex
	rng   *rand.Rand // guarded by rngMu; math/rand/v2 generators are not safe for concurrent use

	cur    atomic.Pointer[view]
	viewMu sync.Mutex // serialises building a view after a reload
}

// New returns the study feature, to be passed in bot.Options.Features.
func New(opts Options) *Feature {
	s := &Feature{opts: opts, rng: opts.Rand}
	if s.rng == nil {
		seed := uint64(time.Now().UnixNano())
		s.rng = rand.New(rand.NewPCG(seed, seed>>1|1))
	}
	return s
}

// Attach implements bot.Attacher: the features keep their data in the bot's store.
func (s *Feature) Attach(b *bot.Bot) {
	s.b, s.store = b, b.Store()
	s.kb(context.Background()) // build the first view now rather than on the first message
}

// now is the bot's clock (tests set a fake one).
func (s *Feature) now() time.Time { return s.b.Now() }

func (s *Feature) log() *slog.Logger { return s.b.Logger() }

// view is what the study features derive from one fact-base snapshot: the quizzer and
// the follow-up index (about 10 ms for the full base), built once per snapshot.
type view struct {
	snap   *knowledge.Snapshot
	base   *knowledge.Base
	quiz   *knowledge.Quizzer
	follow *followup.Resolver
}

// kb is the view of the snapshot the message in ctx is answered from. The first
// message after a reload builds it while others arriving meanwhile wait for it.
func (s *Feature) kb(ctx context.Context) *view {
	snap := s.b.Snapshot(ctx)
	if v := s.cur.Load(); v != nil && v.snap == snap {
		return v
	}
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	if v := s.cur.Load(); v != nil && v.snap == snap {
		return v
	}
	v := &view{snap: snap, base: snap.Base, quiz: knowledge.NewQuizzer(snap.Base), follow: followup.New(snap.Base)}
	if s.b.Library().Current() == snap { // a message that read an older snapshot must not evict a newer view
		s.cur.Store(v)
	}
	return v
}

// Middleware implements bot.Feature.
func (s *Feature) Middleware() bot.Middleware { return s.middleware }

// Commands implements bot.Feature.
func (s *Feature) Commands() []bot.Command {
	return []bot.Command{
		{Name: "quiz", DescriptionEN: "A quiz question, optionally on one topic", DescriptionID: "Soal kuis, bisa per topik",
			AliasesID: []string{"kuis"}, Arg: "topic", UsageEN: "[topic]", UsageID: "[topik]", Handler: bot.HandlerFunc(s.handleQuiz),
			Args:       []bot.ArgSpec{{Name: "topic", NameID: "topik", Kind: bot.ArgTopic, DescriptionEN: "Topic (optional)", DescriptionID: "Topik (opsional)"}},
			Visibility: bot.VisiblePublic},
		{Name: "leaderboard", DescriptionEN: "Top 10 quiz players in this chat", DescriptionID: "10 pemain kuis teratas di obrolan ini",
			AliasesID: []string{"peringkat"}, Visibility: bot.VisiblePublic, Handler: bot.HandlerFunc(s.handleLeaderboard)},
		{Name: "mystats", DescriptionEN: "Your quiz score in this chat", DescriptionID: "Skor kuis Anda di obrolan ini",
			AliasesID: []string{"skorku"}, Handler: bot.HandlerFunc(s.handleMyStats)},
		{Name: "daily", DescriptionEN: "Daily fact: /daily on [HH:MM] [zone] or /daily off", DescriptionID: "Fakta harian: /harian on [JJ:MM] [zona] atau /harian off",
			AliasesID: []string{"harian"}, Arg: "setting", AdminOnly: bot.WithArgs, UsageEN: "on [HH:MM] [zone] | off", UsageID: "on [JJ:MM] [zona] | off", Handler: bot.HandlerFunc(s.handleDaily),
			Args: []bot.ArgSpec{bot.OptionalText("setting")}},
		{Name: "cite", DescriptionEN: "APA and Chicago citations of the last answer's sources", DescriptionID: "Kutipan APA dan Chicago untuk sumber jawaban terakhir",
			AliasesID: []string{"kutip"}, Arg: "id", UsageEN: "[fact id]", UsageID: "[id fakta]", Handler: bot.HandlerFunc(s.handleCite),
			Args: []bot.ArgSpec{{Name: "id", Kind: bot.ArgFactID, Complete: true, MaxRunes: 100,
				DescriptionEN: "Fact id or title (start typing; optional)", DescriptionID: "Id atau judul fakta (mulai ketik; opsional)"}}},
		{Name: "report", DescriptionEN: "Report a wrong answer to the curators", DescriptionID: "Laporkan jawaban yang salah ke kurator",
			AliasesID: []string{"lapor"}, Arg: "text", UsageEN: "<what is wrong>", UsageID: "<apa yang salah>", Handler: bot.HandlerFunc(s.handleReport),
			Args: []bot.ArgSpec{bot.OptionalText("text")}},
		{Name: "mute", DescriptionEN: "Admins: keep the bot quiet in this group", DescriptionID: "Admin: bisukan bot di grup ini",
			AdminOnly: bot.Always, HeardWhileMuted: true, Handler: bot.HandlerFunc(s.handleMute)},
		{Name: "unmute", DescriptionEN: "Admins: let the bot talk again", DescriptionID: "Admin: aktifkan kembali bot",
			AdminOnly: bot.Always, HeardWhileMuted: true, Handler: bot.HandlerFunc(s.handleUnmute)},
	}
}
