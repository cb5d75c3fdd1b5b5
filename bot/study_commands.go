package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/daily"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// maxCitedSources bounds /cite: UN documents first, then the others.
const maxCitedSources = 3

func (s *study) handleCite(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	id := Args(m)
	if id == "" {
		c, err := s.store.Chat(ctx, m.ChatKey())
		if err != nil {
			s.b.log.Warn("reading chat state", "chat", m.ChatKey(), "err", err)
		}
		id = c.Last.FactID
		if id == "" {
			return info(lang, text(lang, "cite.none"))
		}
	}
	kb := s.b.kb(ctx)
	f, ok := kb.base.Get(id)
	if !ok {
		f, ok = s.b.factBySymbol(kb, id)
	}
	if !ok {
		return info(lang, text(lang, "cite.unknown", truncateRunes(id, 64)))
	}
	return citeReply(f, lang)
}

// citeReply renders the citations of a fact's sources, UN documents first, titles in
// italics as both styles require.
func citeReply(f *knowledge.Fact, lang knowledge.Lang) *Reply {
	cites := knowledge.Cite(f)
	var un, other []knowledge.Citation
	for _, c := range cites {
		if c.Source.Symbol != "" || strings.HasPrefix(c.Source.URL, knowledge.UNDocURL("")) {
			un = append(un, c)
		} else {
			other = append(other, c)
		}
	}
	ordered := append(un, other...)
	rep := &Reply{Kind: KindInfo, Lang: lang, Title: text(lang, "cite.title", f.Title(lang)), FactID: f.ID}
	for i, c := range ordered {
		if i == maxCitedSources {
			rep.Blocks = append(rep.Blocks, Block{Spans: []Span{{Text: text(lang, "cite.more", len(ordered)-maxCitedSources), Style: Italic}}})
			break
		}
		rep.Blocks = append(rep.Blocks,
			Block{Spans: []Span{{Text: c.Source.Label(), Style: Bold}}},
			citeBlock("APA 7: ", c.APA),
			citeBlock("Chicago (note): ", c.ChicagoNote),
			citeBlock("Chicago (bibliography): ", c.ChicagoBibliography))
	}
	rep.Footer = text(lang, "answer.footer", f.ID)
	return rep
}

func citeBlock(label string, segs []knowledge.CiteSegment) Block {
	b := Block{Spans: []Span{{Text: label, Style: Code}}}
	for _, sg := range segs {
		st := Plain
		if sg.Italic {
			st = Italic
		}
		b.Spans = append(b.Spans, Span{Text: sg.Text, Style: st})
	}
	return b
}

// handleDaily serves "/daily on [HH:MM] [zone]", "/daily off" and "/daily" (status).
func (s *study) handleDaily(ctx context.Context, m *Message) *Reply {
	lang, _ := LangFrom(ctx)
	fields := strings.Fields(Args(m))
	key := m.ChatKey()
	if len(fields) == 0 {
		cs, err := s.store.Chat(ctx, key)
		if err != nil {
			s.b.log.Warn("reading chat state", "chat", key, "err", err)
			return errorReply(lang, text(lang, "internal"))
		}
		if cs.Daily.Enabled {
			return info(lang, text(lang, "daily.status.on", cs.Daily.Time, cs.Daily.Zone))
		}
		return info(lang, text(lang, "daily.status.off"))
	}
	switch strings.ToLower(fields[0]) {
	case "off", "mati", "nonaktif", "stop":
		if err := s.store.UpdateChat(ctx, key, func(cs *Chat) { cs.Daily.Enabled = false }); err != nil {
			s.b.log.Warn("saving chat settings", "chat", key, "err", err)
			return errorReply(lang, text(lang, "internal"))
		}
		return info(lang, text(lang, "daily.off"))
	case "on", "nyala", "aktif", "start":
	default:
		return info(lang, text(lang, "daily.usage"))
	}
	hhmm, zone := DefaultDailyTime, DefaultDailyZone
	for _, f := range fields[1:] {
		if t, ok := daily.ParseTime(f); ok {
			hhmm = t
			continue
		}
		if strings.ContainsAny(f, ":.") && !strings.Contains(f, "/") {
			return info(lang, text(lang, "daily.badtime", truncateRunes(f, 20)))
		}
		z, _, ok := daily.ParseZone(f)
		if !ok {
			return info(lang, text(lang, "daily.badzone", truncateRunes(f, 40)))
		}
		zone = z
	}
	var next time.Time
	err := s.store.UpdateChat(ctx, key, func(cs *Chat) {
		now := s.now()
		cs.Daily.Enabled, cs.Daily.Time, cs.Daily.Zone, cs.Daily.Lang = true, hhmm, zone, lang
		cs.Daily = daily.Start(now, cs.Daily)
		next, _ = daily.Next(now, cs.Daily)
	})
	if err != nil {
		s.b.log.Warn("saving chat settings", "chat", key, "err", err)
		return errorReply(lang, text(lang, "internal"))
	}
	return info(lang, text(lang, "daily.on", hhmm, zone, next.Format("2006-01-02 15:04")))
}

// Sender pushes a message to a chat without an incoming one (the daily fact). Each
// adapter implements it for its platform's chat keys ("telegram:<chat id>").
type Sender interface {
	Send(ctx context.Context, chatKey string, r *Reply) error
}

// Router of senders: SenderMux sends to the adapter of the chat key's platform.
type SenderMux map[string]Sender

// ErrNoSender means no running adapter serves the chat's platform.
var ErrNoSender = errors.New("no sender for this platform")

// Send implements Sender.
func (mux SenderMux) Send(ctx context.Context, chatKey string, r *Reply) error {
	platform, _, _ := strings.Cut(chatKey, ":")
	snd, ok := mux[platform]
	if !ok {
		return ErrNoSender
	}
	return snd.Send(ctx, chatKey, r)
}

// Handles reports whether a sender serves the chat's platform.
func (mux SenderMux) Handles(chatKey string) bool {
	platform, _, _ := strings.Cut(chatKey, ":")
	_, ok := mux[platform]
	return ok
}

// DailyTick is how often RunDaily looks for due chats.
const DailyTick = time.Minute

// RunDaily sends the daily facts until ctx is cancelled, checking every tick (0 means
// DailyTick). Only chats whose platform the sender serves are considered.
func (b *Bot) RunDaily(ctx context.Context, snd Sender, tick time.Duration) error {
	if tick <= 0 {
		tick = DailyTick
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		if _, err := b.SendDueDaily(ctx, snd); err != nil && ctx.Err() == nil {
			b.log.Warn("daily facts", "err", err)
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
func (b *Bot) SendDueDaily(ctx context.Context, snd Sender) (int, error) {
	s := b.study
	chats, err := s.store.DailyChats(ctx)
	if err != nil {
		return 0, err
	}
	handles, _ := snd.(interface{ Handles(chatKey string) bool })
	now := s.now()
	sent := 0
	kb := b.current() // one fact base for the whole round, even if a reload lands
	for _, c := range chats {
		if ctx.Err() != nil {
			return sent, ctx.Err()
		}
		if handles != nil && !handles.Handles(c.ChatKey) {
			continue
		}
		log := b.log.With(slog.String("chat", c.ChatKey))
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
		claimed, err := s.store.ClaimDaily(ctx, c.ChatKey, date, f.ID, b.opts.DailyLease)
		if err != nil || !claimed {
			if err != nil {
				log.Warn("claiming daily fact", "err", err)
			}
			continue
		}
		lang := c.Daily.Lang
		if st, err := b.store.Chat(ctx, c.ChatKey); err == nil && st.Lang != "" {
			lang = st.Lang
		}
		lang = normLang(lang)
		if err := snd.Send(ctx, c.ChatKey, b.dailyReply(kb, f, lang, onThisDay)); err != nil {
			log.Warn("sending daily fact", "fact", f.ID, "err", err)
			if ctx.Err() == nil {
				if err := s.store.DailySent(ctx, c.ChatKey, date); err != nil {
					log.Warn("confirming daily fact", "fact", f.ID, "err", err)
				}
			}
			continue
		}
		sent++
		// A daily fact is sent without a message, so it is not remembered by the chain.
		// First, as the chat may follow it up at once.
		b.rememberAnswer(ctx, c.ChatKey, f.ID)
		if err := s.store.DailySent(ctx, c.ChatKey, date); err != nil {
			// The fact is out: at worst another replica sends it again after the lease.
			log.Warn("confirming daily fact", "fact", f.ID, "err", err)
		}
	}
	return sent, nil
}

// dailyReply is the daily fact: the fact as an answer under a "fact of the day" or
// "on this day in <year>" heading.
func (b *Bot) dailyReply(kb *view, f *knowledge.Fact, lang knowledge.Lang, onThisDay bool) *Reply {
	r := b.answerReply(kb, f, lang)
	head := text(lang, "daily.title")
	if onThisDay {
		head = text(lang, "daily.onthisday", f.Year())
	}
	r.Title = head + ": " + r.Title
	return r
}
