package discord

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/bwmarrin/discordgo"

	"github.com/cyberdiplo/cyberdiplo/bot/metrics"
)

// Metrics receives the adapter's traffic counts; *metrics.Metrics (bot/metrics) implements it.
type Metrics = metrics.Sink

// SetMetrics makes the adapter count interactions and messages accepted, messages sent or
// edited, and failed calls by kind. Call it before Run; without it nothing is counted.
func (a *Adapter) SetMetrics(m Metrics) { a.meter = metrics.NewMeter(m, a.Name()) }

// countError counts a failed REST call by what failed: Discord's status (429 →
// rate_limited, 5xx → server, other 4xx such as 403 Missing Permissions → rejected), or
// the transport (network, timeout) when there was no response.
func (a *Adapter) countError(err error) {
	if !a.meter.Enabled() || err == nil {
		return
	}
	a.meter.Error(sendErrorKind(err))
}

func sendErrorKind(err error) string {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return metrics.SendRateLimited
	}
	if status := restStatus(err); status != 0 {
		return metrics.KindForStatus(status)
	}
	// A connection closed before any response (a proxy or Discord's edge hanging up).
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return metrics.SendNetwork
	}
	return metrics.KindForError(err)
}

// restStatus is the HTTP status of a failed REST call, 0 when there was no response.
func restStatus(err error) int {
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	// discordgo v0.29.0 reports a 502 it did not retry as a plain error, not a RESTError:
	// "Exceeded Max retries HTTP 502 Bad Gateway, <body>".
	if rest, ok := strings.CutPrefix(err.Error(), badGatewayPrefix); ok {
		if status, convErr := strconv.Atoi(strings.SplitN(rest, " ", 2)[0]); convErr == nil {
			return status
		}
	}
	return 0
}

const badGatewayPrefix = "Exceeded Max retries HTTP "

// retryableStatus: Discord's 5xx mean the request was not carried out (the message was not
// posted), so sending again cannot duplicate it.
func retryableStatus(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}
