#include "CKernels.h"

// Per-thread switches of the autodiff tape. Plain thread-locals, read on every recorded
// operation, cost a few instructions; a Swift task-local would cost a hash lookup.
static _Thread_local bool tape_recording_off = false;
static _Thread_local bool tangents_suspended = false;

bool gg_tape_recording(void) { return !tape_recording_off; }
void gg_set_tape_recording(bool on) { tape_recording_off = !on; }
bool gg_tangents_suspended(void) { return tangents_suspended; }
void gg_set_tangents_suspended(bool suspended) { tangents_suspended = suspended; }
