using System;
using OpenMvSsl.Record;
#if NANOFRAMEWORK_TESTFRAMEWORK
using nanoFramework.TestFramework;
#endif

namespace OpenMvSsl.PortableTests
{
    /// <summary>The 64-record anti-replay window of RFC 6347 4.1.2.6.</summary>
    [TestClass]
    public class ReplayWindowTests
    {
        [TestMethod]
        public void EmptyWindowTakesAnyNumber()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            Assert.IsTrue(window.IsFresh(0));
            Assert.IsTrue(window.IsFresh(12345));
            Assert.IsTrue(window.IsFresh(RecordLimits.MaxDtlsSequence));
        }

        [TestMethod]
        public void MarkedNumberIsNoLongerFresh()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(7);
            Assert.IsFalse(window.IsFresh(7));
            Assert.IsTrue(window.IsFresh(8));
            Assert.IsTrue(window.IsFresh(6), "an older number inside the window was never seen");
        }

        [TestMethod]
        public void WindowHoldsExactlySixtyFourNumbers()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(100);
            Assert.AreEqual(64, DtlsReplayWindow.Size);
            Assert.IsTrue(window.IsFresh(100 - 63), "highest - 63 is the left edge");
            Assert.IsFalse(window.IsFresh(100 - 64), "highest - 64 is outside");
        }

        [TestMethod]
        public void OutOfOrderNumbersAreEachAcceptedOnce()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            ulong[] arrivals = new ulong[] { 10, 3, 7, 4, 9, 5, 8, 6 };
            for (int i = 0; i < arrivals.Length; i++)
            {
                Assert.IsTrue(window.IsFresh(arrivals[i]), "first arrival of " + arrivals[i]);
                window.Mark(arrivals[i]);
            }
            for (int i = 0; i < arrivals.Length; i++)
                Assert.IsFalse(window.IsFresh(arrivals[i]), "second arrival of " + arrivals[i]);
        }

        [TestMethod]
        public void JumpOfTheWholeWindowForgetsEverythingBefore()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(100);
            window.Mark(164);
            Assert.IsFalse(window.IsFresh(100), "now left of the window");
            Assert.IsTrue(window.IsFresh(101));
            Assert.IsFalse(window.IsFresh(164));
        }

        [TestMethod]
        public void SlidingKeepsWhatWasSeenInsideTheWindow()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(50);
            window.Mark(60);
            window.Mark(70); // slides by 10
            Assert.IsFalse(window.IsFresh(50));
            Assert.IsFalse(window.IsFresh(60));
            Assert.IsTrue(window.IsFresh(55));
        }

        [TestMethod]
        public void UnauthenticatedNumbersAreNotMarked()
        {
            // The record layer asks IsFresh before decrypting and marks only after: asking alone changes nothing.
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(5);
            for (int i = 0; i < 3; i++) Assert.IsTrue(window.IsFresh(1000));
            Assert.IsTrue(window.IsFresh(4));
        }

        [TestMethod]
        public void LargestSequenceNumberIsHandled()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(RecordLimits.MaxDtlsSequence);
            Assert.IsFalse(window.IsFresh(RecordLimits.MaxDtlsSequence));
            Assert.IsTrue(window.IsFresh(RecordLimits.MaxDtlsSequence - 1));
            Assert.IsFalse(window.IsFresh(0));
        }

        [TestMethod]
        public void ResetStartsAfresh()
        {
            DtlsReplayWindow window = new DtlsReplayWindow();
            window.Mark(500);
            window.Reset();
            Assert.IsTrue(window.IsFresh(500));
            Assert.IsTrue(window.IsFresh(1));
        }
    }
}
