#pragma once
// The seating plan: plan or re-plan in the background with progress and Cancel, the plan's figures beside their
// lower bounds, the seating of each round with drag and drop between tables, locked rounds, and every itinerary.

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "workspace.hpp"
#include "worldcafe/plan_words.hpp"
#include "worldcafe/planner.hpp"

namespace worldcafe::gui {

// One planning run on a worker thread. The session is copied in; the result is handed back on the UI thread.
class PlanJob {
public:
    PlanJob(Session session, PlanOptions options);
    ~PlanJob();
    PlanJob(const PlanJob&) = delete;
    PlanJob& operator=(const PlanJob&) = delete;

    double progress() const { return m_progress.load(); }
    void cancel() { m_cancelled = true; }
    bool finished() const { return m_finished.load(); }
    // After finished(): the result, or the reason it could not plan.
    const std::optional<PlanResult>& result() const { return m_result; }
    const std::string& failure() const { return m_failure; }
    // When the input cannot be planned: the reason, which plainReason() says in the language on screen.
    const std::optional<PlanImpossible>& impossible() const { return m_impossible; }
    RoundNumber fromRound() const { return m_fromRound; }
    // Until the planner returns (screenshots; the UI polls finished() instead).
    void wait() {
        if (m_worker.joinable()) m_worker.join();
    }

private:
    std::atomic<double> m_progress{0.0};
    std::atomic<bool> m_cancelled{false};
    std::atomic<bool> m_finished{false};
    std::optional<PlanResult> m_result;
    std::string m_failure;
    std::optional<PlanImpossible> m_impossible;
    RoundNumber m_fromRound;
    std::thread m_worker;
};

class PlanView final : public Workspace {
public:
    const char* name() const override { return "plan"; }
    const char* titleKey() const override { return "workspace.plan"; }
    void draw(const PanelContext& context) override;
    std::optional<double> redrawAfter(const PanelContext& context) const override;
    // "another": the seating with "Try another plan" pressed, the two plans' figures side by side (screenshots).
    std::vector<std::string> parts() const override { return {"seating", "itineraries", "another"}; }
    bool selectPart(std::string_view part) override;
    void finishBackgroundWork() override {
        if (m_job) m_job->wait();
    }

    // The first round a new plan may change: after the last locked round.
    static RoundNumber firstUnlockedRound(const Session& session);
    // The plan with `participant` moved to `table` in `round` (a guest's seat; hosts stay by rule).
    // `a` and `b` exchange their tables in `round`; every other seat stays.
    static std::vector<RoundPlan> withSwap(const Session& session, RoundNumber round, ParticipantId a, ParticipantId b);
    static std::vector<RoundPlan> withMove(const Session& session, RoundNumber round, ParticipantId participant,
                                           TableNumber table);
    // Starts planning from `fromRound` now (the Plan button); tests wait on job().
    void startPlanning(const Session& session, RoundNumber fromRound);
    // "Try another plan": plans the unlocked rounds again with the next seed; the result is offered beside the
    // current plan (candidate()), and only "Keep" applies it, through the same SetPlan as planning.
    void tryAnotherPlan(const Session& session, std::uint64_t revision);
    PlanJob* job() { return m_job.get(); }
    struct Candidate {
        PlanResult result;
        std::uint64_t seed = 0;
        std::uint64_t revision = 0;  // of the session it was planned from: any later change makes it stale
    };
    const std::optional<Candidate>& candidate() const { return m_candidate; }

private:
    void drawToolbar(const PanelContext& context);
    void drawQuality(const PanelContext& context);
    void drawSeating(const PanelContext& context);
    void drawItineraries(const PanelContext& context);
    void collectJob(const PanelContext& context);

    void drawSwapOffer(const PanelContext& context);
    void drawCandidate(const PanelContext& context);

    // A guest dropped on a full table: whom to swap them with is asked, not decided.
    struct SwapOffer {
        ParticipantId mover = 0;
        TableNumber table = 0;
        RoundNumber round = 0;
    };
    std::optional<SwapOffer> m_swapOffer;
    bool m_openSwapOffer = false;
    std::unique_ptr<PlanJob> m_job;
    bool m_jobIsTry = false;
    std::uint64_t m_trySeed = 1;  // planning uses seed 1; each try the next one
    std::uint64_t m_tryRevision = 0;
    std::optional<Candidate> m_candidate;
    int m_replanFrom = 1;
    int m_round = 1;
    int m_part = 0;  // 0 seating, 1 itineraries
    std::optional<int> m_partRequest;
    bool m_stageTry = false;  // "plan/another": press "Try another plan" in the next frame
    std::uint64_t m_scoredRevision = ~std::uint64_t{0};
    PlanQuality m_quality;
    std::vector<std::string> m_violations;
    MeetingCounts m_meetings;
};

}  // namespace worldcafe::gui
