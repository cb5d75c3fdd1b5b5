package ops_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync/atomic"

	"github.com/cyberdiplo/cyberdiplo/bot"
	"github.com/cyberdiplo/cyberdiplo/bot/limit"
	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
	"github.com/cyberdiplo/cyberdiplo/bot/ops"
	"github.com/cyberdiplo/cyberdiplo/bot/standard"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The wiring the main program does: metrics and the flood limit around the bot, a
// readiness check per part, and the ops endpoint serving them.
func Example() {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	base, err := knowledge.Load(os.DirFS("../testdata/facts"))
	if err != nil {
		fmt.Println(err)
		return
	}
	mx := metrics.New(metrics.Options{})
	lim, err := limit.New(limit.Config{}, limit.Options{Counter: mx, ExemptPlatforms: []string{"console"}})
	if err != nil {
		fmt.Println(err)
		return
	}
	brain := standard.New(base, nil, bot.Options{Logger: log})
	// Metrics outermost, so that they also see the limiter's notices and silences.
	h := bot.Chain(brain, mx.Middleware, lim.Middleware)

	srv := ops.New(ops.Options{Listen: "127.0.0.1:0", Metrics: mx.Gatherer(), Failures: mx, Logger: log})
	srv.AddCheck("facts", ops.Condition(func() bool { return brain.Base().Len() > 0 }, "fact base empty"))
	var connected atomic.Bool // an adapter's state, e.g. discord's Health().Connected
	srv.AddCheck("telegram", ops.Condition(connected.Load, "not connected"))

	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Run(ctx) }()
	<-srv.Listening()

	mx.MessageIn("telegram") // what an adapter does for each update it accepts
	h.Handle(ctx, &bot.Message{Platform: "telegram", ChatID: "1", UserID: "1", ChatKind: bot.Private, Addressed: true, Text: "/help"})

	fmt.Println(status(srv.Addr(), "/readyz"))
	connected.Store(true)
	fmt.Println(status(srv.Addr(), "/readyz"))
	fmt.Println(status(srv.Addr(), "/metrics", `cyberdiplo_replies_total{outcome="info",platform="telegram"}`))
	stop()
	fmt.Println(<-done)
	// Output:
	// 503
	// 200
	// 200 cyberdiplo_replies_total{outcome="info",platform="telegram"} 1
	// <nil>
}

// status fetches path and returns the status code and the line starting with prefix.
func status(addr, path string, prefix ...string) string {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	out := fmt.Sprint(resp.StatusCode)
	body, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(body), "\n") {
		if len(prefix) > 0 && strings.HasPrefix(line, prefix[0]) {
			out += " " + line
		}
	}
	return out
}
