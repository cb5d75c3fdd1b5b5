package telegram

import (
	"context"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// The adapter's concurrency: updates go to per-chat workers, replies to per-chat outbox
// lines, and a tracker counts what is in flight so a stop can wait for it.

// job is one update waiting for a worker. done, when set, learns whether the update was
// handled (answered or skipped on purpose) rather than abandoned at shutdown.
type job struct {
	update  tgbotapi.Update
	arrived time.Time
	done    func(handled bool)
}

func (j job) finish(handled bool) {
	if j.done != nil {
		j.done(handled)
	}
}

// dispatcher runs updates on a fixed set of workers. Updates of one chat always go to the
// same worker, so a chat's messages reach the bot in order while other chats proceed.
type dispatcher struct {
	shards []chan job
	wg     sync.WaitGroup
	// mu guards closed: a webhook handler cut short by a forced server close may still offer
	// an update after shutdown began, and must get "busy" rather than a closed channel.
	mu     sync.RWMutex
	closed bool
}

func newDispatcher(ctx context.Context, workers, queue int, process func(context.Context, job)) *dispatcher {
	d := &dispatcher{shards: make([]chan job, workers)}
	for i := range d.shards {
		ch := make(chan job, queue)
		d.shards[i] = ch
		d.wg.Add(1)
		go func() {
			defer d.wg.Done()
			for j := range ch {
				process(ctx, j)
			}
		}()
	}
	return d
}

func (d *dispatcher) shard(u *tgbotapi.Update) chan job {
	key := uint64(shardKey(u))
	return d.shards[key%uint64(len(d.shards))]
}

// shardKey is the chat an update belongs to (the user for inline queries).
func shardKey(u *tgbotapi.Update) int64 {
	var k int64
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		k = u.Message.Chat.ID
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		k = u.ChannelPost.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		k = u.CallbackQuery.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil:
		k = u.CallbackQuery.From.ID
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		k = u.InlineQuery.From.ID
	case u.PollAnswer != nil:
		k = u.PollAnswer.User.ID
	}
	if k < 0 {
		k = -k
	}
	return k
}

// submit queues j, waiting for room; it fails only when ctx ends.
func (d *dispatcher) submit(ctx context.Context, j job) bool { return d.put(j, ctx.Done()) }

// offer queues j only if its worker has room.
func (d *dispatcher) offer(j job) bool { return d.put(j, nil) }

// put queues j unless the dispatcher is closed. With giveUp nil it does not wait for
// room; otherwise it waits until giveUp is closed.
func (d *dispatcher) put(j job, giveUp <-chan struct{}) bool {
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.closed {
		return false
	}
	queue := d.shard(&j.update)
	if giveUp == nil {
		select {
		case queue <- j:
			return true
		default:
			return false
		}
	}
	select {
	case queue <- j:
		return true
	case <-giveUp:
		return false
	}
}

// closeAndWait stops accepting updates and waits until the queued ones are done.
func (d *dispatcher) closeAndWait() {
	d.mu.Lock()
	if !d.closed {
		d.closed = true
		for _, ch := range d.shards {
			close(ch)
		}
	}
	d.mu.Unlock()
	d.wg.Wait()
}

// outbox delivers replies: one line per chat, in the order the replies were made, each line
// served by its own goroutine while it has work. Pacing waits happen here, per chat, so a
// group at its 20-per-minute limit delays only its own replies. Every line drains within
// max_reply_age, since older replies are dropped, which bounds what the outbox holds.
type outbox struct {
	deliver func(ctx context.Context, out outgoing) bool
	mu      sync.Mutex
	lines   map[int64][]delivery
	wg      sync.WaitGroup
}

type delivery struct {
	out  *outgoing
	done func(handled bool)
}

func newOutbox(deliver func(context.Context, outgoing) bool) *outbox {
	return &outbox{deliver: deliver, lines: map[int64][]delivery{}}
}

func (o *outbox) enqueue(ctx context.Context, out *outgoing, done func(bool)) {
	o.mu.Lock()
	defer o.mu.Unlock()
	line, busy := o.lines[out.chatID]
	o.lines[out.chatID] = append(line, delivery{out: out, done: done})
	if busy {
		return
	}
	o.wg.Add(1)
	go o.serve(ctx, out.chatID)
}

// serve delivers a chat's replies until its line is empty.
func (o *outbox) serve(ctx context.Context, chatID int64) {
	defer o.wg.Done()
	for {
		o.mu.Lock()
		line := o.lines[chatID]
		if len(line) == 0 {
			delete(o.lines, chatID)
			o.mu.Unlock()
			return
		}
		next := line[0]
		o.lines[chatID] = line[1:]
		o.mu.Unlock()
		next.done(o.deliver(ctx, *next.out))
	}
}

// wait returns once every queued reply was delivered, dropped or abandoned.
func (o *outbox) wait() { o.wg.Wait() }

// tracker counts the updates taken and not yet finished, so that a stop can wait for them
// and say how many it left for the next start.
type tracker struct {
	mu        sync.Mutex
	inFlight  int
	abandoned int
	changed   chan struct{} // closed at every finish
}

func newTracker() *tracker { return &tracker{changed: make(chan struct{})} }

func (t *tracker) take() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight++
}

func (t *tracker) finish(handled bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.inFlight--
	if !handled {
		t.abandoned++
	}
	close(t.changed)
	t.changed = make(chan struct{})
}

// busy reports how many updates are in flight and a channel closed at the next finish.
func (t *tracker) busy() (int, <-chan struct{}) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.inFlight, t.changed
}

func (t *tracker) abandonedCount() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.abandoned
}
