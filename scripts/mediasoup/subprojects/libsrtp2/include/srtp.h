// mediasoup 3.14 is written against its own libsrtp fork ("3.0-alpha"), which
// takes packet lengths as size_t* and names one function differently. Debian
// ships libsrtp 2.5 (int* lengths). mediasoup includes <srtp.h>; this header
// is found first and adds C++ overloads with the fork's signatures that forward
// to libsrtp 2.5. Lengths are range-checked in both directions, so a size that
// does not fit an int is an error instead of a silent truncation.
#ifndef VETMEET_SRTP_BRIDGE_H
#define VETMEET_SRTP_BRIDGE_H

#include <srtp2/srtp.h>

#ifdef __cplusplus
#include <climits>
#include <cstddef>
#include <cstdint>

namespace vetmeet_srtp_bridge
{
	using Fn = srtp_err_status_t (*)(srtp_t, void*, int*);

	// Packets are protected/unprotected in place, as in the fork.
	inline srtp_err_status_t Call(Fn fn, srtp_t ctx, uint8_t* packet, size_t* len)
	{
		if (!packet || !len || *len > static_cast<size_t>(INT_MAX))
			return srtp_err_status_bad_param;

		int intLen = static_cast<int>(*len);
		const srtp_err_status_t err = fn(ctx, packet, &intLen);

		if (err != srtp_err_status_ok)
			return err;
		if (intLen < 0)
			return srtp_err_status_fail;

		*len = static_cast<size_t>(intLen);

		return srtp_err_status_ok;
	}
} // namespace vetmeet_srtp_bridge

inline srtp_err_status_t srtp_protect(srtp_t ctx, uint8_t* rtp, size_t* len)
{
	return vetmeet_srtp_bridge::Call(::srtp_protect, ctx, rtp, len);
}

inline srtp_err_status_t srtp_unprotect(srtp_t ctx, uint8_t* srtp, size_t* len)
{
	return vetmeet_srtp_bridge::Call(::srtp_unprotect, ctx, srtp, len);
}

inline srtp_err_status_t srtp_protect_rtcp(srtp_t ctx, uint8_t* rtcp, size_t* len)
{
	return vetmeet_srtp_bridge::Call(::srtp_protect_rtcp, ctx, rtcp, len);
}

inline srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx, uint8_t* srtcp, size_t* len)
{
	return vetmeet_srtp_bridge::Call(::srtp_unprotect_rtcp, ctx, srtcp, len);
}

// Both take the SSRC in network byte order.
inline srtp_err_status_t srtp_stream_remove(srtp_t ctx, uint32_t ssrc)
{
	return srtp_remove_stream(ctx, ssrc);
}
#endif // __cplusplus

#endif // VETMEET_SRTP_BRIDGE_H
