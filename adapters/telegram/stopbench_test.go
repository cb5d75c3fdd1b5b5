package telegram

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// BenchmarkWebhookStopLosesNothing repeats the review's measurement: N private questions
// posted to the webhook and acknowledged, then a stop (SIGTERM) with the shipped pacing
// (30 replies a second overall), then a start. It reports how many replies went out before
// the stop, and how many acknowledged updates were never answered ("lost").
func BenchmarkWebhookStopLosesNothing(b *testing.B) {
	brain := theBrain(b)
	q, _ := answerable(b, brain, knowledge.EN)
	for _, tc := range []struct {
		updates  int
		shutdown time.Duration
	}{{500, 2 * time.Second}, {600, 10 * time.Second}} {
		b.Run(strconv.Itoa(tc.updates)+"/shutdown="+tc.shutdown.String(), func(b *testing.B) {
			for range b.N {
				f := newFakeAPI(b)
				f.mu.Lock()
				f.patience = 5 * time.Minute
				f.mu.Unlock()
				cfg := Config{Token: f.token, APIEndpoint: f.endpoint(), Mode: ModeWebhook,
					WebhookURL: "https://bot.example.org/hook", Listen: "127.0.0.1:0", Secret: "sekret",
					QueueSize: 1024, ShutdownTimeout: tc.shutdown}
				r := start(b, cfg, brain)
				r.a.mu.Lock()
				endpoint := "http://" + r.a.webhookAddr + "/hook"
				r.a.mu.Unlock()
				for i := range tc.updates {
					chat := int64(30_000 + i)
					u := message(chat, user(chat, "en"), q)
					u.UpdateID = i + 1
					body, _ := json.Marshal(u)
					req, _ := http.NewRequest(http.MethodPost, endpoint, strings.NewReader(string(body)))
					req.Header.Set(secretHeader, "sekret")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						b.Fatal(err)
					}
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						b.Fatalf("update %d: %d", i+1, resp.StatusCode)
					}
				}
				if err := r.stop(); err != nil {
					b.Fatal(err)
				}
				before := f.sentCount
				start(b, testConfig(f), brain) // the next start, pacing lifted to finish fast
				f.waitFor("every acknowledged update answered", func() bool { return f.sentCount >= tc.updates })
				lost, twice := 0, 0
				for i := range tc.updates {
					switch n := len(f.sent(int64(30_000 + i))); {
					case n == 0:
						lost++
					case n > 1:
						twice++
					}
				}
				b.ReportMetric(float64(before), "sent-before-stop")
				b.ReportMetric(float64(lost), "lost")
				b.ReportMetric(float64(twice), "answered-twice")
			}
		})
	}
}
