#include "ResyncPlan.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

ResyncPlan ResyncPlan::decide(const std::optional<store::FolderState>& stored,
                              const imap::SelectedMailbox& selected, bool qresyncUsed,
                              bool condStore)
{
    ResyncPlan plan;
    const auto listAgain = [&plan](Reason reason, bool forget) {
        plan.reason = reason;
        plan.forgetUids = forget;
        plan.initial = true;
        plan.newFrom = 1;
        plan.knownUidNext = 1;
        return plan;
    };
    if (!stored || stored->uidValidity == 0)
        return listAgain(Reason::FirstSync, false);
    // RFC 3501 §2.3.1.1: a different UIDVALIDITY voids every UID. A server that sends none
    // gives nothing to compare: its UIDs are treated the same way.
    if (selected.uidValidity == 0 || selected.uidValidity != stored->uidValidity)
        return listAgain(Reason::UidValidityChanged, true);
    // UIDs only grow (§2.3.1.1): a lower UIDNEXT means the mailbox was rebuilt under the same
    // UIDVALIDITY, a server fault; nothing stored about its UIDs can be trusted.
    if (selected.uidNext && *selected.uidNext < stored->uidNext)
        return listAgain(Reason::UidNextWentDown, true);

    const bool initialDone = stored->lastSync.isValid();
    plan.initial = !initialDone;
    plan.knownUidNext = qMax<quint32>(stored->uidNext, 1);
    plan.newFrom = plan.knownUidNext;
    // An interrupted initial listing searches on from where it stopped; after it, a UIDNEXT
    // equal to the stored one proves that nothing arrived.
    plan.searchNew = !initialDone || !selected.uidNext || *selected.uidNext != stored->uidNext;
    const bool anythingKnown = plan.knownUidNext > 1;

    const bool modSeqUsable =
        condStore && !selected.noModSeq && selected.highestModSeq && stored->highestModSeq > 0;
    const auto fullScan = [&plan, anythingKnown](Reason reason) {
        plan.reason = reason;
        if (anythingKnown) {
            plan.flags = Flags::FullScan;
            plan.expunges = Expunges::FromScan;
        }
        return plan;
    };
    if (!modSeqUsable)
        return fullScan(initialDone ? Reason::NoModSeq : Reason::ResumeInitial);
    const quint64 now = *selected.highestModSeq;
    if (now < stored->highestModSeq)
        return fullScan(Reason::ModSeqWentDown);
    if (now == stored->highestModSeq) {
        // Every change, an arrival included, raises HIGHESTMODSEQ (RFC 7162 §3.1.2): a new
        // UIDNEXT without it is a contradiction. During an interrupted initial listing the
        // stored UIDNEXT is where it stopped, not the server's.
        if (initialDone && selected.uidNext && *selected.uidNext != stored->uidNext)
            return fullScan(Reason::ModSeqInconsistent);
        plan.reason = initialDone ? Reason::Unchanged : Reason::ResumeInitial;
        return plan;
    }
    plan.reason = initialDone ? Reason::Changed : Reason::ResumeInitial;
    if (!anythingKnown)
        return plan;
    if (qresyncUsed) {
        plan.flags = Flags::FromSelect;
        plan.expunges = Expunges::FromSelect;
    } else {
        plan.flags = Flags::ChangedSince;
        plan.changedSince = stored->highestModSeq;
        plan.expunges = Expunges::UidSearch;
    }
    return plan;
}

QString ResyncPlan::reasonKey(Reason reason)
{
    switch (reason) {
    case Reason::FirstSync:
        return u"first-sync"_s;
    case Reason::ResumeInitial:
        return u"resume-initial"_s;
    case Reason::UidValidityChanged:
        return u"uidvalidity-changed"_s;
    case Reason::UidNextWentDown:
        return u"uidnext-went-down"_s;
    case Reason::NoModSeq:
        return u"no-modseq"_s;
    case Reason::ModSeqWentDown:
        return u"highestmodseq-went-down"_s;
    case Reason::ModSeqInconsistent:
        return u"highestmodseq-inconsistent"_s;
    case Reason::Unchanged:
        return u"unchanged"_s;
    case Reason::Changed:
        return u"changed"_s;
    }
    return {};
}

} // namespace threadline::sync
