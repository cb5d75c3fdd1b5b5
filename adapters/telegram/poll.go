package telegram

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// allowedUpdates are the update kinds the bot asks for. Edits are not among them (answering
// an edit would answer twice); should one arrive anyway, it is skipped.
var allowedUpdates = []string{
	tgbotapi.UpdateTypeMessage, tgbotapi.UpdateTypeChannelPost,
	tgbotapi.UpdateTypeCallbackQuery, tgbotapi.UpdateTypeInlineQuery,
}

// runPolling is the adapter's own long-polling loop (the library's GetUpdatesChan has no
// context, sleeps a fixed 3 s after any error and logs the token-bearing error text).
//
// Updates are fetched in batches; a batch is handled concurrently across chats and in
// order within a chat, and the offset moves past an update only once it was handled or
// skipped on purpose. Telegram forgets updates below the offset of the next getUpdates
// call, so the loop confirms the offset once more before returning: a restart then neither
// answers an update twice nor loses one.
func (a *Adapter) runPolling(ctx, work context.Context, d *dispatcher) error {
	if err := a.ensureNoWebhook(ctx); err != nil {
		return err
	}
	a.markReady()
	var bo backoff
	offset := 0
	conflictLogged := false
	for ctx.Err() == nil {
		updates, err := a.apiWith(ctx, a.pollHTTP).GetUpdates(tgbotapi.UpdateConfig{
			Offset: offset, Limit: 100, Timeout: int(a.cfg.PollTimeout / time.Second), AllowedUpdates: allowedUpdates,
		})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			wait := bo.next()
			switch classify(err) {
			case classUnauthorized:
				return fmt.Errorf("telegram: token rejected while polling: %w", a.red.wrap(err))
			case classFlood:
				e, _ := apiError(err)
				wait = time.Duration(max(e.RetryAfter, 1)) * time.Second
				a.log.Warn("getUpdates flood limit; waiting", "retry_after", wait)
			case classConflict:
				if !conflictLogged {
					a.log.Error("another instance is polling with this token, or a webhook is set; backing off",
						"err", a.red.wrap(err))
					conflictLogged = true
				}
				if strings.Contains(strings.ToLower(err.Error()), "webhook") {
					_ = a.ensureNoWebhook(ctx)
				}
			default:
				a.log.Warn("getUpdates failed; retrying", "err", a.red.wrap(err), "retry_in", wait.Round(time.Millisecond))
			}
			if a.sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		bo.reset()
		if conflictLogged {
			a.log.Info("polling again")
			conflictLogged = false
		}
		if len(updates) == 0 {
			continue
		}
		offset = a.handleBatch(work, d, updates, offset)
	}
	a.commitOffset(work, offset)
	return nil
}

// handleBatch runs a batch of updates and returns the offset to poll with next: one past the
// last update, or the first update that shutdown left unhandled.
func (a *Adapter) handleBatch(work context.Context, d *dispatcher, updates []tgbotapi.Update, offset int) int {
	slices.SortFunc(updates, func(x, y tgbotapi.Update) int { return x.UpdateID - y.UpdateID })
	arrived := a.now()
	var (
		wg        sync.WaitGroup
		mu        sync.Mutex
		unhandled []int
	)
	for _, u := range updates {
		if u.UpdateID < offset {
			continue // already confirmed; Telegram should not send it again
		}
		id := u.UpdateID
		wg.Add(1)
		ok := d.submit(work, job{update: u, arrived: arrived, done: func(handled bool) {
			if !handled {
				mu.Lock()
				unhandled = append(unhandled, id)
				mu.Unlock()
			}
			wg.Done()
		}})
		if !ok {
			wg.Done()
			mu.Lock()
			unhandled = append(unhandled, id)
			mu.Unlock()
		}
	}
	wg.Wait()
	next := updates[len(updates)-1].UpdateID + 1
	if len(unhandled) > 0 {
		first := slices.Min(unhandled)
		a.log.Warn("shutdown left updates unanswered; they will be delivered again after a restart",
			"count", len(unhandled), "first_update_id", first)
		next = first
	}
	return max(next, offset)
}

// commitOffset tells Telegram which updates are done: getUpdates with the offset confirms
// everything below it. limit=1 and timeout=0 make it return at once; whatever it returns
// is at or above the offset, so stays unconfirmed for the next run.
func (a *Adapter) commitOffset(ctx context.Context, offset int) {
	if offset == 0 {
		return
	}
	// This call must happen even when the shutdown timeout already cancelled the replies'
	// context, so it gets a short context of its own.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), min(a.cfg.RequestTimeout, 5*time.Second))
	defer cancel()
	if _, err := a.api(ctx).GetUpdates(tgbotapi.UpdateConfig{Offset: offset, Limit: 1}); err != nil {
		a.log.Warn("cannot confirm handled updates; the last ones may be answered again after a restart",
			"offset", offset, "err", a.red.wrap(err))
	}
}

// ensureNoWebhook removes a webhook left by webhook mode: getUpdates fails while one is set.
func (a *Adapter) ensureNoWebhook(ctx context.Context) error {
	var bo backoff
	for {
		info, err := a.api(ctx).GetWebhookInfo()
		if err == nil && !info.IsSet() {
			return nil
		}
		if err == nil {
			a.log.Info("switching to polling: deleting the webhook", "webhook_host", hostOf(info.URL))
			_, err = a.api(ctx).Request(tgbotapi.DeleteWebhookConfig{})
			if err == nil {
				return nil
			}
		}
		switch classify(err) {
		case classUnauthorized:
			return fmt.Errorf("telegram: token rejected: %w", a.red.wrap(err))
		case classCanceled:
			return nil
		}
		wait := bo.next()
		a.log.Warn("cannot check or delete the webhook; retrying", "err", a.red.wrap(err), "retry_in", wait.Round(time.Millisecond))
		if err := a.sleep(ctx, wait); err != nil {
			if errors.Is(err, context.Canceled) {
				return nil
			}
			return err
		}
	}
}
