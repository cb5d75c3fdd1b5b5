package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/bot/storage/postgres"
	"github.com/cyberdiplo/cyberdiplo/bot/study"
	"github.com/cyberdiplo/cyberdiplo/internal/pgtest"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

func groupMsg(user, text string) *bot.Message {
	return &bot.Message{Platform: "discord", ChatID: "g", ChatKind: bot.Group, UserID: user, UserName: "n-" + user,
		Text: text, Addressed: true, IsAdmin: true}
}

// TestBotReplicas: three bots, each on its own store (connection pool) over one
// database, serve one chat in turn: a quiz started on one and answered through the
// others is scored once, settings made on one hold on the others at once, and the last
// answer (for follow-ups) is shared.
func TestBotReplicas(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var bots []*bot.Bot
	var stores []*postgres.Store
	for i := 0; i < 3; i++ {
		s := open(t, dsn, postgres.Options{MaxConns: 4})
		stores = append(stores, s)
		bots = append(bots, standard.New(base, nil, bot.Options{Store: s}))
	}
	q := bots[0].Handle(ctx, groupMsg("u1", "/quiz"))
	var answer string
	for _, row := range q.Buttons {
		for _, btn := range row {
			if strings.HasPrefix(btn.Data, "/quiz answer ") && answer == "" {
				answer = btn.Data
			}
		}
	}
	if answer == "" {
		t.Fatalf("no answer button on %#v", q)
	}
	var round int64
	var opt int
	if _, err := fmt.Sscanf(answer, "/quiz answer %d %d", &round, &opt); err != nil {
		t.Fatal(err)
	}
	r, err := stores[2].QuizRound(ctx, round)
	if err != nil {
		t.Fatal(err)
	}
	// u1 clicks the right option; the click reaches replicas 1 and 2 (a redelivery).
	var wg sync.WaitGroup
	for _, b := range bots[1:] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := groupMsg("u1", fmt.Sprintf("/quiz answer %d %d", round, r.Correct))
			m.Action = true
			b.Handle(ctx, m)
		}()
	}
	wg.Wait()
	var boards [][]bot.QuizScore
	for _, s := range stores {
		lb, err := s.Leaderboard(ctx, "discord:g", 0)
		if err != nil {
			t.Fatal(err)
		}
		boards = append(boards, lb)
	}
	if len(boards[0]) != 1 || boards[0][0].Answered != 1 || boards[0][0].Correct != 1 {
		t.Fatalf("leaderboard %+v, want u1 scored once", boards[0])
	}
	for _, lb := range boards[1:] {
		if !slices.Equal(lb, boards[0]) {
			t.Fatalf("leaderboards differ between replicas: %+v vs %+v", lb, boards[0])
		}
	}
	// /lang through one replica holds on another at once.
	bots[0].Handle(ctx, groupMsg("u1", "/lang id"))
	if c, err := stores[1].Chat(ctx, "discord:g"); err != nil || c.Lang != knowledge.ID {
		t.Fatalf("chat on replica 1 after /lang id on replica 0: %+v %v", c, err)
	}
	a := bots[1].Handle(ctx, groupMsg("u2", "/ask what is the 2015 GGE report?"))
	if a == nil || a.Lang != knowledge.ID || a.FactID == "" {
		t.Fatalf("answer on replica 1 after /lang id: %#v", a)
	}
	// The answer is the chat's last one on every replica (follow-ups, /source).
	if c, err := stores[2].Chat(ctx, "discord:g"); err != nil || c.Last.FactID != a.FactID {
		t.Fatalf("last answer on replica 2 = %q %v, want %q", c.Last.FactID, err, a.FactID)
	}
}

// countingSender counts the replies it sends; with stop set, it is a replica stopped
// mid-send: stop ends its context and the send fails.
type countingSender struct {
	mu    sync.Mutex
	sent  int
	tried int
	stop  context.CancelFunc
}

func (c *countingSender) Send(ctx context.Context, _ string, _ *bot.Reply) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.tried++
	if c.stop != nil {
		c.stop()
		return ctx.Err()
	}
	c.sent++
	return nil
}

// TestDailyOnceAcrossReplicas: replicas run their daily round at once and each chat
// gets one fact; a chat whose claimer stopped before sending gets it from another
// replica once the claim's lease runs out.
func TestDailyOnceAcrossReplicas(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.Database(t)
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	const lease = 200 * time.Millisecond
	var bots []*study.Feature // each replica's daily-fact sender
	var first *postgres.Store
	for i := 0; i < 3; i++ {
		s := open(t, dsn, postgres.Options{MaxConns: 4})
		if first == nil {
			first = s
		}
		st := study.New(study.Options{DailyLease: lease})
		bot.New(base, nil, standard.Options(bot.Options{Store: s}, st))
		bots = append(bots, st)
	}
	// Due all day: 00:00 UTC.
	for _, chat := range []string{"discord:a", "discord:b"} {
		if err := first.UpdateChat(ctx, chat, func(c *bot.Chat) {
			c.Daily = bot.DailySchedule{Enabled: true, Time: "00:00", Zone: "UTC"}
		}); err != nil {
			t.Fatal(err)
		}
	}
	// The first replica to claim stops in the middle of its first send.
	stopping, stop := context.WithCancel(ctx)
	dying := &countingSender{stop: stop}
	if n, _ := bots[0].SendDueDaily(stopping, bot.SenderMux{"discord": dying}); n != 0 || dying.tried != 1 {
		t.Fatalf("dying replica: sent %d, tried %d", n, dying.tried)
	}
	snd := &countingSender{}
	for snd.sent < 2 {
		var wg sync.WaitGroup
		for _, b := range bots[1:] {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := b.SendDueDaily(ctx, bot.SenderMux{"discord": snd}); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		time.Sleep(lease / 4)
	}
	for _, b := range bots {
		if n, _ := b.SendDueDaily(ctx, bot.SenderMux{"discord": snd}); n != 0 {
			t.Fatal("a confirmed daily fact was sent again")
		}
	}
	if snd.sent != 2 {
		t.Fatalf("%d daily facts sent to 2 chats, want one each", snd.sent)
	}
}
