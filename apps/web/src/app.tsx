import { Route, Routes } from 'react-router';
import { ReferenceDataProvider } from './api/reference-data';
import type { UserRole } from '@doorloop/contracts';
import { CALLBACK_PATH } from './auth/oidc';
import { useSession } from './auth/session';
import { Loading } from './components/feedback';
import { Layout } from './components/layout';
import { ClosurePage } from './pages/trajectories/closure-page';
import {
  AddPartnerPage,
  BirthDateCorrectionPage,
  ChangePlacementPage,
  PausePage,
  CourtMeasurePage,
  LegalBasesPage,
  MissingEpisodePage,
  MunicipalityChangePage,
  NewReceiverPage,
  ReopeningPage,
  TreatmentStartPage,
} from './pages/trajectories/change-pages';
import { StartTrajectoryPage } from './pages/trajectories/start-trajectory';
import { TrajectoryListPage } from './pages/trajectories/trajectory-list';
import { TrajectoryPage } from './pages/trajectories/trajectory-page';
import { OverviewPage, PseudonymPage } from './pages/oversight/overview';
import { HomePage, NotFoundPage } from './pages/home';
import { InboxPage } from './pages/tasks/inbox';
import { TaskPage } from './pages/tasks/task-page';
import { SignInFailedPage, SignInPage } from './pages/sign-in';
import { NewSignalPage, SignalListPage, TriagePage } from './pages/signals/signal-pages';
import { ReportsPage } from './pages/reporting/reports-page';

/** Who gets which pages. The api decides what each role may read; this keeps the app from offering the rest. */
function routesFor(role: UserRole) {
  const tasks = [
    <Route key="tasks" path="/tasks" element={<InboxPage />} />,
    <Route key="task" path="/tasks/:id" element={<TaskPage />} />,
  ];
  const overview = [
    <Route key="overview" path="/overview" element={<OverviewPage />} />,
    <Route key="pseudonym" path="/overview/trajectories/:pseudonym" element={<PseudonymPage />} />,
  ];
  const reports = <Route key="reports" path="/reports" element={<ReportsPage />} />;
  switch (role) {
    case 'coordinator':
      return [
        <Route key="list" path="/trajectories" element={<TrajectoryListPage />} />,
        <Route key="new" path="/trajectories/new" element={<StartTrajectoryPage />} />,
        <Route key="page" path="/trajectories/:id" element={<TrajectoryPage />} />,
        <Route key="placement" path="/trajectories/:id/placement" element={<ChangePlacementPage />} />,
        <Route key="pause" path="/trajectories/:id/pause" element={<PausePage />} />,
        <Route
          key="treatment"
          path="/trajectories/:id/placements/:placementId/treatment-start"
          element={<TreatmentStartPage />}
        />,
        <Route key="missing" path="/trajectories/:id/missing-episodes/new" element={<MissingEpisodePage />} />,
        <Route key="measure" path="/trajectories/:id/court-measures/new" element={<CourtMeasurePage />} />,
        <Route
          key="measure-edit"
          path="/trajectories/:id/court-measures/:courtMeasureId"
          element={<CourtMeasurePage />}
        />,
        <Route key="partner" path="/trajectories/:id/partners/new" element={<AddPartnerPage />} />,
        <Route key="birth" path="/trajectories/:id/birth-date" element={<BirthDateCorrectionPage />} />,
        <Route key="municipality" path="/trajectories/:id/municipality" element={<MunicipalityChangePage />} />,
        <Route key="closure" path="/trajectories/:id/closure" element={<ClosurePage />} />,
        <Route key="legal-bases" path="/trajectories/:id/legal-bases" element={<LegalBasesPage />} />,
        <Route key="receiver" path="/trajectories/:id/handovers/new" element={<NewReceiverPage />} />,
        <Route key="reopening" path="/trajectories/:id/reopening" element={<ReopeningPage />} />,
        ...tasks,
        ...overview,
        <Route key="signals" path="/signals" element={<SignalListPage />} />,
        <Route key="triage" path="/signals/:id/triage" element={<TriagePage />} />,
        reports,
      ];
    case 'partner':
      return [
        ...tasks,
        <Route key="signals" path="/signals" element={<SignalListPage />} />,
        <Route key="new-signal" path="/signals/new" element={<NewSignalPage />} />,
      ];
    case 'director':
      return [...overview, reports];
    case 'admin':
    case 'auditor':
      return [];
  }
}

export function App() {
  const { state } = useSession();
  switch (state.status) {
    case 'loading':
      return (
        <Layout>
          <Loading />
        </Layout>
      );
    case 'failed':
      return (
        <Layout>
          <SignInFailedPage error={state.error} />
        </Layout>
      );
    case 'signed-out':
      return (
        <Layout>
          <SignInPage expired={state.reason === 'expired'} />
        </Layout>
      );
    case 'signed-in':
      return (
        <ReferenceDataProvider>
          <Layout>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path={CALLBACK_PATH} element={<Loading />} />
              {routesFor(state.me.role)}
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Layout>
        </ReferenceDataProvider>
      );
  }
}
