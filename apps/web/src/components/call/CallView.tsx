import type { ChatMessageView, ConsultationView } from '@vetmeet/contracts/client';
import type { CallSession } from '../../rooms/call-session';
import type { LocalMediaControls } from '../../rooms/use-local-media';
import { othersOf, waitingOwnersOf, type CallState } from '../../rooms/call-state';
import { AdmitBanner } from './AdmitBanner';
import { CallControls } from './CallControls';
import { CallStage } from './CallStage';
import { ChatPanel } from './ChatPanel';
import { InCallConsent } from './InCallConsent';
import { NetworkQualityBadge } from './NetworkQualityBadge';
import { ReconnectingBanner } from './ReconnectingBanner';
import { RecordingControls } from './RecordingControls';
import { RecordingIndicator } from './RecordingIndicator';
import { RecordingNotice } from './RecordingNotice';
import { RemoteAudio } from './RemoteAudio';
import { useFocusOnMount } from './use-focus-on-mount';
import { VisitBrief } from './VisitBrief';

interface CallViewProps {
  session: CallSession;
  state: CallState;
  consultationId: string;
  title: string;
  fallbackOtherName: string;
  localMedia: LocalMediaControls;
  timeZone: string;
  /** The consultation's facts, once loaded: the consultant sees the reason and the pet's record beside the call. */
  consultation: ConsultationView | null;
}

/**
 * The call itself: the other person large, this person small, the controls, the connection's state, and beside
 * them the chat (and for the consultant, what the visit is about).
 */
export function CallView(props: CallViewProps) {
  const { session, state, consultationId, title, fallbackOtherName, localMedia, timeZone, consultation } = props;
  const localCamera = localMedia.stream?.getVideoTracks()[0] ?? null;
  const other = othersOf(state)[0] ?? null;
  const otherName = other?.displayName ?? fallbackOtherName;
  const isConsultant = state.self?.role === 'consultant';
  const selfId = state.self?.userId ?? '';
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  return (
    <section className="call" aria-labelledby="call-title" data-testid="call-view">
      <header className="call-header">
        <h1 id="call-title" className="call-title" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        <div className="call-status">
          <NetworkQualityBadge quality={state.quality} score={state.qualityScore} />
          <RecordingIndicator recording={state.recording} />
          {state.locked && (
            <span className="call-badge call-locked" data-testid="room-locked">
              Room locked
            </span>
          )}
        </div>
      </header>

      <RecordingNotice recording={state.recording} changed={state.recordingChanged} />
      <ReconnectingBanner signaling={state.signaling} media={state.media} />
      {isConsultant && <AdmitBanner waiting={waitingOwnersOf(state)} onAdmit={(userId) => session.admit(userId)} />}

      <div className="call-layout">
        <div className="call-main">
          <CallStage state={state} other={other} otherName={otherName} localCamera={localCamera} onPreferredLayer={(consumerId, layer) => session.setPreferredLayer(consumerId, layer)} />
          <CallControls session={session} state={state} isConsultant={isConsultant} otherName={otherName} localMedia={localMedia} />
          {isConsultant && <RecordingControls session={session} state={state} />}
          <InCallConsent consultationId={consultationId} />
        </div>
        <div className="call-side">
          {isConsultant && consultation && <VisitBrief consultation={consultation} />}
          <ChatPanel
            consultationId={consultationId}
            messages={state.chat}
            selfId={selfId}
            timeZone={timeZone}
            onSend={(text) => session.sendChat(text)}
            onShared={(message: ChatMessageView) => session.addChat([message])}
          />
        </div>
      </div>
      <RemoteAudio remote={state.remote} />
    </section>
  );
}
