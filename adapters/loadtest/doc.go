// Package loadtest holds load benchmarks for the platform adapters: thousands of updates
// through the Telegram adapter against a fake Bot API on loopback, and thousands of signed
// /ask interactions through the Discord HTTP interactions endpoint. It has no code outside
// its tests; see README.md for how to run it and the measured figures.
package loadtest
