import { ICE_RESTART_DELAY_MS, RECONNECT_DEADLINE_MS, TransportWatchdog } from './transport-watchdog';

describe(TransportWatchdog.name, () => {
  let actions: { restartIce: jest.Mock; rebuild: jest.Mock };
  let watchdog: TransportWatchdog;

  beforeEach(() => {
    jest.useFakeTimers();
    actions = { restartIce: jest.fn(), rebuild: jest.fn() };
    watchdog = new TransportWatchdog(actions);
  });
  afterEach(() => {
    watchdog.dispose();
    jest.useRealTimers();
  });

  it('restarts ICE once a drop has lasted a moment, and nothing more when the transport comes back', () => {
    watchdog.onStateChange('connected');
    watchdog.onStateChange('disconnected');
    jest.advanceTimersByTime(ICE_RESTART_DELAY_MS - 1);
    expect(actions.restartIce).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(actions.restartIce).toHaveBeenCalledTimes(1);

    watchdog.onStateChange('connected');
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS * 2);
    expect(actions.restartIce).toHaveBeenCalledTimes(1);
    expect(actions.rebuild).not.toHaveBeenCalled();
  });

  it('leaves a hiccup shorter than the restart delay alone', () => {
    watchdog.onStateChange('disconnected');
    jest.advanceTimersByTime(ICE_RESTART_DELAY_MS / 2);
    watchdog.onStateChange('connected');
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS * 2);
    expect(actions.restartIce).not.toHaveBeenCalled();
    expect(actions.rebuild).not.toHaveBeenCalled();
  });

  it('rebuilds when a drop outlasts the deadline, counted from the drop', () => {
    watchdog.onStateChange('disconnected');
    jest.advanceTimersByTime(ICE_RESTART_DELAY_MS);
    // The restart's renegotiation moves the state about; the deadline still counts from the drop.
    watchdog.onStateChange('connecting');
    watchdog.onStateChange('disconnected');
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS - ICE_RESTART_DELAY_MS - 1);
    expect(actions.rebuild).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(actions.rebuild).toHaveBeenCalledTimes(1);
  });

  it('rebuilds at once when the transport fails', () => {
    watchdog.onStateChange('disconnected');
    watchdog.onStateChange('failed');
    expect(actions.rebuild).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS * 2);
    expect(actions.restartIce).not.toHaveBeenCalled();
    expect(actions.rebuild).toHaveBeenCalledTimes(1);
  });

  it('gives a transport that started connecting but never leaves "new" (no relay candidate) until the deadline', () => {
    watchdog.onConnectStarted();
    watchdog.onStateChange('new');
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS);
    expect(actions.rebuild).toHaveBeenCalledTimes(1);
  });

  it('never rebuilds a transport that has not started connecting (nothing to receive yet)', () => {
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS * 3);
    expect(actions.rebuild).not.toHaveBeenCalled();
  });

  it('does nothing once disposed', () => {
    watchdog.onConnectStarted();
    watchdog.onStateChange('disconnected');
    watchdog.dispose();
    watchdog.onStateChange('failed');
    jest.advanceTimersByTime(RECONNECT_DEADLINE_MS * 2);
    expect(actions.restartIce).not.toHaveBeenCalled();
    expect(actions.rebuild).not.toHaveBeenCalled();
  });
});
