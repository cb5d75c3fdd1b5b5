package main

import (
	"os/exec"
	"syscall"
)

// dieWithTest makes the kernel kill a replica when the test binary ends, however it ends
// (a timeout's panic, an interrupt), so that no bot process outlives its test.
func dieWithTest(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
