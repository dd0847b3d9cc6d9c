package org.openpersonalize.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.openpersonalize.api.model.InternalFailureException;
import org.openpersonalize.api.model.InvalidInputException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/** The engine's service-side failure reaches SDK callers as each client's service exception. */
class ErrorsTest {
  private static final InternalFailureException FULL =
      new InternalFailureException(
          "Could not write to the store in /data; nothing of this call was stored: the disk is"
              + " full. To fix: free disk space and retry the call",
          false,
          null);

  @Test
  void internalFailureIsTheServiceExceptionOfEachClientWithStatus500() {
    AwsServiceException control = (AwsServiceException) Errors.personalize(FULL);
    assertSame(
        software.amazon.awssdk.services.personalize.model.PersonalizeException.class,
        control.getClass());
    AwsServiceException runtime = (AwsServiceException) Errors.runtime(FULL);
    assertInstanceOf(
        software.amazon.awssdk.services.personalizeruntime.model.PersonalizeRuntimeException.class,
        runtime);
    AwsServiceException events = (AwsServiceException) Errors.events(FULL);
    assertInstanceOf(
        software.amazon.awssdk.services.personalizeevents.model.PersonalizeEventsException.class,
        events);
    for (AwsServiceException e : new AwsServiceException[] {control, runtime, events}) {
      assertEquals(500, e.statusCode());
      assertEquals("InternalFailureException", e.awsErrorDetails().errorCode());
      assertEquals(FULL.getMessage(), e.awsErrorDetails().errorMessage());
      assertSame(FULL, e.getCause());
    }
  }

  @Test
  void clientErrorsStay400() {
    AwsServiceException e =
        (AwsServiceException) Errors.personalize(new InvalidInputException("name must be set"));
    assertEquals(400, e.statusCode());
  }
}
