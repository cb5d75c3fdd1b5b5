package study

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/daily"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// handleDaily serves "/daily on [HH:MM] [zone]", "/daily off" and "/daily" (status).
func (s *Feature) handleDaily(ctx context.Context, m *bot.Message) *bot.Reply {
	lang, _ := bot.LangFrom(ctx)
	fields := strings.Fields(bot.Args(m))
	key := m.ChatKey()
	if len(fields) == 0 {
		cs, err := s.b.ChatOf(ctx, key)
		if err != nil {
			return bot.ErrorReply(lang, bot.Text(lang, "internal"))
		}
		if cs.Daily.Enabled {
			return bot.InfoReply(lang, bot.Text(lang, "daily.status.on", cs.Daily.Time, cs.Daily.Zone))
		}
		return bot.InfoReply(lang, bot.Text(lang, "daily.status.off"))
	}
	switch strings.ToLower(fields[0]) {
	case "off", "mati", "nonaktif", "stop":
		if err := s.store.UpdateChat(ctx, key, func(cs *bot.Chat) { cs.Daily.Enabled = false }); err != nil {
			s.log().Warn("saving chat settings", "chat", key, "err", err)
			return bot.ErrorReply(lang, bot.Text(lang, "internal"))
		}
		return bot.InfoReply(lang, bot.Text(lang, "daily.off"))
	case "on", "nyala", "aktif", "start":
	default:
		return bot.InfoReply(lang, bot.Text(lang, "daily.usage"))
	}
	hhmm, zone := bot.DefaultDailyTime, bot.DefaultDailyZone
	for _, f := range fields[1:] {
		if t, ok := daily.ParseTime(f); ok {
			hhmm = t
			continue
		}
		if strings.ContainsAny(f, ":.") && !strings.Contains(f, "/") {
			return bot.InfoReply(lang, bot.Text(lang, "daily.badtime", bot.Truncate(f, 20)))
		}
		z, _, ok := daily.ParseZone(f)
		if !ok {
			return bot.InfoReply(lang, bot.Text(lang, "daily.badzone", bot.Truncate(f, 40)))
		}
		zone = z
	}
	var next time.Time
	err := s.store.UpdateChat(ctx, key, func(cs *bot.Chat) {
		now := s.now()
		cs.Daily.Enabled, cs.Daily.Time, cs.Daily.Zone, cs.Daily.Lang = true, hhmm, zone, lang
		cs.Daily = daily.Start(now, cs.Daily)
		next, _ = daily.Next(now, cs.Daily)
	})
	if err != nil {
		s.log().Warn("saving chat settings", "chat", key, "err", err)
		return bot.ErrorReply(lang, bot.Text(lang, "internal"))
	}
	return bot.InfoReply(lang, bot.Text(lang, "daily.on", hhmm, zone, next.Format("2006-01-02 15:04")))
}

// DailyTick is how often RunDaily looks for due chats.
const DailyTick = time.Minute

// RunDaily sends the daily facts until ctx is cancelled, checking every tick (0 means
// DailyTick). Only chats whose platform the sender serves are considered.
func (s *Feature) RunDaily(ctx context.Context, snd bot.Sender, tick time.Duration) error {
	if tick <= 0 {
		tick = DailyTick
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if _, err := s.SendDueDaily(ctx, snd); err != nil && ctx.Err() == nil {
			s.log().Warn("daily facts", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// SendDueDaily sends every daily fact due now and returns how many went out. A fact is
// claimed in the store for Options.DailyLease before it is sent and confirmed after, so
// a restart or a second replica never sends it twice, and when the claimer dies or
// stops mid-send, another replica (or the next run) sends it once the lease runs out.
// A send the platform refuses spends the day's fact all the same: retrying a chat that
// blocked the bot every lease would flood the platform.
func (s *Feature) SendDueDaily(ctx context.Context, snd bot.Sender) (int, error) {
	chats, err := s.store.DailyChats(ctx)
	if err != nil {
		return 0, err
	}
	handles, _ := snd.(interface{ Handles(chatKey string) bool })
	now := s.now()
	sent := 0
	ctx = s.b.WithSnapshot(ctx) // one fact base for the whole round, even if a reload lands
	kb := s.kb(ctx)
	for _, c := range chats {
		if ctx.Err() != nil {
			return sent, ctx.Err()
		}
		if handles != nil && !handles.Handles(c.ChatKey) {
			continue
		}
		log := s.log().With(slog.String("chat", c.ChatKey))
		date, due, err := daily.Due(now, c.Daily)
		if err != nil {
			log.Warn("daily schedule", "err", err)
			continue
		}
		if !due {
			continue
		}
		already, err := s.store.DailySentFacts(ctx, c.ChatKey)
		if err != nil {
			log.Warn("reading daily facts", "err", err)
			continue
		}
		f, onThisDay := daily.PickFact(kb.base, c.ChatKey, date, already)
		if f == nil {
			continue
		}
		claimed, err := s.store.ClaimDaily(ctx, c.ChatKey, date, f.ID, s.opts.DailyLease)
		if err != nil || !claimed {
			if err != nil {
				log.Warn("claiming daily fact", "err", err)
			}
			continue
		}
		lang := c.Daily.Lang
		var prev bot.LastAnswer
		if st, err := s.store.Chat(ctx, c.ChatKey); err == nil {
			prev = st.Last
			if st.Lang != "" {
				lang = st.Lang
			}
		}
		lang = bot.NormLang(lang)
		// A daily fact is sent without a message, so the chain does not remember it.
		// It is remembered before the send: a reader may follow it up (/cite, "kapan
		// dibentuk?") the moment it shows, before a write after the send would land.
		s.b.RememberLast(ctx, c.ChatKey, f.ID)
		if err := snd.Send(ctx, c.ChatKey, s.dailyReply(ctx, f, lang, onThisDay)); err != nil {
			log.Warn("sending daily fact", "fact", f.ID, "err", err)
			s.forgetUnsent(ctx, c.ChatKey, f.ID, prev)
			if ctx.Err() == nil {
				if err := s.store.DailySent(ctx, c.ChatKey, date); err != nil {
					log.Warn("confirming daily fact", "fact", f.ID, "err", err)
				}
			}
			continue
		}
		sent++
		if err := s.store.DailySent(ctx, c.ChatKey, date); err != nil {
			// The fact is out: at worst another replica sends it again after the lease.
			log.Warn("confirming daily fact", "fact", f.ID, "err", err)
		}
	}
	return sent, nil
}

// dailyReply is the daily fact: the fact as an answer under a "fact of the day" or
// "on this day in <year>" heading.
func (s *Feature) dailyReply(ctx context.Context, f *knowledge.Fact, lang knowledge.Lang, onThisDay bool) *bot.Reply {
	r := s.b.AnswerReply(ctx, f, lang)
	head := bot.Text(lang, "daily.title")
	if onThisDay {
		head = bot.Text(lang, "daily.onthisday", f.Year())
	}
	r.Title = head + ": " + r.Title
	return r
}

// forgetUnsent puts back the chat's last answer when the daily fact it was set to
// never reached the chat, unless something newer has been remembered since.
func (s *Feature) forgetUnsent(ctx context.Context, chatKey, factID string, prev bot.LastAnswer) {
	err := s.store.UpdateChat(context.WithoutCancel(ctx), chatKey, func(c *bot.Chat) {
		if c.Last.FactID == factID {
			c.Last = prev
		}
	})
	if err != nil {
		s.log().Warn("restoring the last answer", "chat", chatKey, "err", err)
	}
}
