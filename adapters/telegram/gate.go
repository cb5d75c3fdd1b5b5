package telegram

import (
	"container/heap"
	"context"
	"math"
	"sync"
	"time"
)

// fairGate hands out Telegram's overall rate (30 messages a second) one message at a time.
// When more replies wait than the rate lets through, the next message goes to the waiting
// chat that was sent the least lately, not to the one that asked first: a flood then costs
// its senders (their replies wait, and are dropped once older than max_reply_age) while a
// chat that writes once is answered within a slot or two. A reservation made in advance, as
// the per-chat buckets do, would queue a newcomer behind a turn of every busy chat.
type fairGate struct {
	every time.Duration // spacing of the overall rate; 0: no limit
	burst int           // messages allowed back to back (a second's worth)

	mu      sync.Mutex
	tat     time.Time // the bucket's theoretical arrival time (GCRA)
	waiting gateQueue
	seq     uint64
	armed   bool // a timer will release the next waiter
	usage   map[int64]usage
}

// usage is how much a chat was sent lately: a count that halves every usageHalfLife.
type usage struct {
	n  float64
	at time.Time
}

// usageHalfLife is how fast a chat's past sends stop counting against it.
const usageHalfLife = 30 * time.Second

func newFairGate(perSecond int) *fairGate {
	g := &fairGate{burst: max(perSecond, 1), usage: map[int64]usage{}}
	if perSecond > 0 {
		g.every = time.Second / time.Duration(perSecond)
	}
	return g
}

// wait returns once chatID may send one message, or with ctx's error.
func (g *fairGate) wait(ctx context.Context, chatID int64) error {
	if g.every <= 0 {
		return ctx.Err()
	}
	g.mu.Lock()
	now := time.Now()
	if len(g.waiting) == 0 && !g.nextAt(now).After(now) {
		g.grant(now, chatID)
		g.mu.Unlock()
		return nil
	}
	w := &gateWaiter{chat: chatID, load: g.load(now, chatID), seq: g.seq, ready: make(chan struct{})}
	g.seq++
	heap.Push(&g.waiting, w)
	g.arm(now)
	g.mu.Unlock()
	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		g.mu.Lock()
		defer g.mu.Unlock()
		if !w.granted {
			heap.Remove(&g.waiting, w.index)
		}
		return ctx.Err()
	}
}

// nextAt is when the bucket lets the next message through.
func (g *fairGate) nextAt(now time.Time) time.Time {
	at := earliest(now, g.tat, g.every, g.burst)
	if at.Before(now) {
		return now
	}
	return at
}

// grant spends one message on chatID at now.
func (g *fairGate) grant(now time.Time, chatID int64) {
	g.tat = book(g.tat, now, g.every)
	u := g.usage[chatID]
	g.usage[chatID] = usage{n: decay(u, now) + 1, at: now}
	if len(g.usage) > 4096 {
		for id, u := range g.usage {
			if decay(u, now) < 0.01 {
				delete(g.usage, id)
			}
		}
	}
}

func (g *fairGate) load(now time.Time, chatID int64) float64 { return decay(g.usage[chatID], now) }

func decay(u usage, now time.Time) float64 {
	if u.n == 0 {
		return 0
	}
	return u.n * math.Exp2(-float64(now.Sub(u.at))/float64(usageHalfLife))
}

// arm schedules release for when the bucket next has room, unless a timer already will.
func (g *fairGate) arm(now time.Time) {
	if g.armed || len(g.waiting) == 0 {
		return
	}
	g.armed = true
	time.AfterFunc(g.nextAt(now).Sub(now), func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		g.armed = false
		now := time.Now()
		g.release(now)
		g.arm(now)
	})
}

// release grants the waiters the bucket has room for, least-sent chat first.
func (g *fairGate) release(now time.Time) {
	for len(g.waiting) > 0 && !g.nextAt(now).After(now) {
		w := heap.Pop(&g.waiting).(*gateWaiter)
		g.grant(now, w.chat)
		w.granted = true
		close(w.ready)
	}
}

// gateWaiter is a message waiting for the gate.
type gateWaiter struct {
	chat    int64
	load    float64 // the chat's usage when it began waiting: lower goes first
	seq     uint64  // then first come, first served
	ready   chan struct{}
	granted bool
	index   int
}

// gateQueue is a heap of waiters, least-sent chat first.
type gateQueue []*gateWaiter

func (q gateQueue) Len() int { return len(q) }
func (q gateQueue) Less(i, j int) bool {
	if q[i].load != q[j].load {
		return q[i].load < q[j].load
	}
	return q[i].seq < q[j].seq
}
func (q gateQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index, q[j].index = i, j
}
func (q *gateQueue) Push(x any) {
	w := x.(*gateWaiter)
	w.index = len(*q)
	*q = append(*q, w)
}
func (q *gateQueue) Pop() any {
	old := *q
	w := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	return w
}
